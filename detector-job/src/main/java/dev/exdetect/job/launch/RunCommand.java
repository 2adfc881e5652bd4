package dev.exdetect.job.launch;

import dev.exdetect.job.config.ProductionSettings;
import dev.exdetect.rules.model.RulePack;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: the detector against an existing Kafka cluster, with checkpointing and exactly-once
 * sinks. Started with {@code java -jar} it runs in a local Flink mini-cluster; submitted to a
 * cluster ({@code detector-cluster.jar}, see {@link JobMain}) it runs there. The production
 * settings (checkpoints, state backend, restart strategy, max parallelism) are in {@link
 * ProductionSettings}.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description =
                "Run the detector against a Kafka cluster: read request logs, write alerts and throttle commands. Rules come from --rules at start and from the rules topic while running (hot reload).")
public class RunCommand implements Callable<Integer> {
    @Option(
            names = "--bootstrap-servers",
            required = true,
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Mixin KafkaOptions topics;
    @Mixin DetectionOptions detection;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DetectionOptions.DurationConverter.class,
            defaultValue = "10s",
            description =
                    "Checkpoint (and Kafka transaction commit) interval; outputs become visible to read_committed consumers at each checkpoint (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description =
                    "Durable checkpoint storage, e.g. file:///var/lib/exdetect/checkpoints or s3://bucket/path. Default: the cluster's execution.checkpointing.dir, else the JobManager's memory (lost when it ends).")
    String checkpointDir;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "URI",
            description =
                    "Default target of savepoints (stop-with-savepoint, upgrades). Default: the cluster's execution.checkpointing.savepoint-dir.")
    String savepointDir;

    @Option(
            names = "--state-backend",
            paramLabel = "hashmap|rocksdb",
            description =
                    "Where per-client state lives: hashmap (JVM heap, fastest, state must fit in memory) or rocksdb (local disk, incremental checkpoints, for large state). Default: the cluster's state.backend.type, else hashmap.")
    StateBackendChoice stateBackend;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job (default: the cluster's default).")
    Integer parallelism;

    @Option(
            names = "--max-parallelism",
            paramLabel = "N",
            defaultValue = "" + ProductionSettings.DEFAULT_MAX_PARALLELISM,
            description =
                    "Number of key groups: the most parallel instances the job can ever be rescaled to. Fixed for the life of the job's state: a savepoint cannot be restored with another value (default: ${DEFAULT-VALUE}).")
    int maxParallelism;

    @Option(
            names = "--restart-attempts",
            paramLabel = "N",
            description =
                    "Consecutive failed restarts (exponential back-off from 1 s to 1 min) before the job gives up. Default: unlimited.")
    Integer restartAttempts;

    @Option(
            names = "--flink-conf",
            paramLabel = "KEY=VALUE",
            description =
                    "Any Flink configuration option for the job, e.g. metrics.reporter.prom.factory.class=... Repeatable; applied last.")
    java.util.Map<String, String> flinkConf = new java.util.LinkedHashMap<>();

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "Extra Kafka client property for all sources and sinks (security settings, say). Repeatable.")
    java.util.Map<String, String> kafkaProperties = new java.util.HashMap<>();

    /** The state backends {@code --state-backend} offers. */
    public enum StateBackendChoice {
        hashmap,
        rocksdb
    }

    @Override
    public Integer call() throws Exception {
        RulePack rules = detection.rulePack();
        StreamExecutionEnvironment env = environment();
        KafkaDetector.build(
                env, bootstrapServers, topics, rules, detection.config(), kafkaProperties());
        env.execute("exdetect detector");
        return 0;
    }

    StreamExecutionEnvironment environment() {
        Configuration conf =
                ProductionSettings.configuration(
                        new ProductionSettings(
                                checkpointInterval,
                                checkpointDir,
                                savepointDir,
                                stateBackend == null ? null : stateBackend.name(),
                                maxParallelism,
                                restartAttempts));
        flinkConf.forEach(conf::setString);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (parallelism != null) {
            env.setParallelism(parallelism);
        }
        return env;
    }

    Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        return p;
    }
}
