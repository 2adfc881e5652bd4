package dev.exdetect.job.cli;

import dev.exdetect.rules.model.RulePack;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code run}: the detector against an existing Kafka cluster, with checkpointing and exactly-once
 * sinks. Started with {@code java -jar} it runs in a local Flink mini-cluster; submitted with
 * {@code flink run} it runs on that cluster.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the detector against a Kafka cluster: read request logs, write alerts and throttle commands.",
            "Rules come from --rules at start and from the rules topic while running (hot reload)."
        })
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
                    "Durable checkpoint storage, e.g. file:///var/lib/exdetect/checkpoints or s3://bucket/path. Default: in memory (lost when the process ends).")
    String checkpointDir;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Parallelism of the job (default: the cluster's default).")
    Integer parallelism;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description =
                    "Extra Kafka client property for all sources and sinks (security settings, say). Repeatable.")
    java.util.Map<String, String> kafkaProperties = new java.util.HashMap<>();

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
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        if (checkpointDir != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
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
