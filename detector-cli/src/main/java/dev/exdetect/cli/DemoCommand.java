package dev.exdetect.cli;

import dev.exdetect.cli.demo.LiveConsole;
import dev.exdetect.cli.demo.SimulatorFeed;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.launch.KafkaDetector;
import dev.exdetect.job.launch.KafkaOptions;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.simulation.TrafficSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole system in one process with no set-up: an embedded Kafka broker, the
 * traffic simulator playing benign users and extraction attackers in real time, the detector job on
 * a local Flink mini-cluster, and a console printing alerts and throttle commands as they are
 * committed.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run everything on this machine: embedded Kafka, simulated traffic (benign users, a distillation attacker, a near-duplicate prober), the detector, and a live view of alerts and throttle commands. Runs until Ctrl-C (or --duration).")
public class DemoCommand implements Callable<Integer> {
    /** The demo's population baseline in detector.jar; its source is samples/baselines/. */
    static final String BASELINE_RESOURCE = "/baselines/demo-population.json";

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DetectionOptions.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(
            names = "--benign-clients",
            paramLabel = "N",
            defaultValue = "8",
            description = "Simulated benign users (default: ${DEFAULT-VALUE}).")
    int benignClients;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--stop-after-alerts",
            paramLabel = "N",
            description = "Stop once N alerts have been shown (for scripted smoke runs).")
    Integer stopAfterAlerts;

    @Spec CommandSpec spec;

    @Mixin DetectionOptions detection;
    @Mixin KafkaOptions topics;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RulePack rules = detection.rulePack();
        out.println("exdetect demo: starting an embedded Kafka broker ...");
        long t0 = System.currentTimeMillis();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            out.printf(
                    "  broker ready at %s (%.1f s)%n",
                    kafka.bootstrapServers(), (System.currentTimeMillis() - t0) / 1000.0);
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.allTopics().forEach(t -> partitions.put(t, 1));
            partitions.put(topics.requestsTopic, 2);
            kafka.createTopics(partitions, List.of(topics.throttleTopic, topics.rulesTopic));
            out.println("  topics created: " + String.join(", ", partitions.keySet()));

            StreamExecutionEnvironment env = environment();
            KafkaDetector.build(
                    env,
                    kafka.bootstrapServers(),
                    topics,
                    rules,
                    detection.configWithBaseline(bundledBaseline()),
                    new Properties());
            JobClient job = env.executeAsync("exdetect demo");
            out.println(
                    "  detector job submitted to a local Flink mini-cluster ("
                            + job.getJobID()
                            + ")");

            TrafficSimulator simulator =
                    TrafficSimulator.demo(seed, System.currentTimeMillis(), benignClients);
            SimulatorFeed feed =
                    new SimulatorFeed(simulator, kafka.bootstrapServers(), topics.requestsTopic);
            LiveConsole console =
                    new LiveConsole(
                            kafka.bootstrapServers(),
                            topics.alertsTopic,
                            topics.throttleTopic,
                            out);
            Thread feedThread = new Thread(feed, "simulator-feed");
            Thread consoleThread = new Thread(console, "live-console");
            feedThread.start();
            consoleThread.start();
            out.printf(
                    "  simulating %d benign users, 1 distillation attacker (harvester-1), 1 near-duplicate prober (prober-1)%n",
                    benignClients);
            out.println(
                    "  alerts and throttle commands appear below as they are committed (every 2 s). Ctrl-C stops.");
            out.println();

            CountDownLatch stop = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook =
                    new Thread(
                            () -> {
                                stop.countDown();
                                try {
                                    stopped.await(20, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            Runtime.getRuntime().addShutdownHook(hook);
            long started = System.currentTimeMillis();
            long limit = duration == null ? Long.MAX_VALUE : started + duration.toMillis();
            long nextStatus = started + 30_000;
            while (!stop.await(1, TimeUnit.SECONDS)
                    && System.currentTimeMillis() < limit
                    && (stopAfterAlerts == null || console.alerts() < stopAfterAlerts)) {
                if (System.currentTimeMillis() >= nextStatus) {
                    out.printf(
                            "[STATUS]   %d s: %d requests sent, %d alerts, %d throttle commands%n",
                            (System.currentTimeMillis() - started) / 1000,
                            feed.sent(),
                            console.alerts(),
                            console.commands());
                    out.flush();
                    nextStatus += 30_000;
                }
            }
            out.println();
            out.printf(
                    "exdetect demo: stopping. %d requests sent, %d alerts, %d throttle commands; first alert after %s.%n",
                    feed.sent(),
                    console.alerts(),
                    console.commands(),
                    console.secondsToFirstAlert() < 0
                            ? "none"
                            : String.format("%.0f s", console.secondsToFirstAlert()));
            feed.stop();
            console.stop();
            feedThread.join(5_000);
            consoleThread.join(5_000);
            job.cancel().get(20, TimeUnit.SECONDS);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for us; nothing to remove.
            }
            return console.alerts() > 0 ? 0 : 3;
        }
    }

    private StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /**
     * The population baseline bundled in detector.jar for the demo (fitted on simulated benign
     * traffic).
     */
    static PopulationBaseline bundledBaseline() {
        try (InputStream in = DemoCommand.class.getResourceAsStream(BASELINE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + BASELINE_RESOURCE);
            }
            return PopulationBaseline.fromJson(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled baseline", e);
        }
    }
}
