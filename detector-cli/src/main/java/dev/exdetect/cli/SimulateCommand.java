package dev.exdetect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.output.Json;
import dev.exdetect.simulation.GroundTruth;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.TrafficSimulator;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.Family;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: writes simulated request logs to a file or a Kafka topic, with a ground-truth
 * file naming every client's role, family and budget: the demo population, the benchmark's, or one
 * attack inside background traffic (as {@code audit} runs it).
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Write simulated request logs (benign clients and extraction attackers) to a"
                        + " .jsonl or .jsonl.gz file or a Kafka topic, and a ground-truth file"
                        + " naming each client's role, family and budget.")
public class SimulateCommand implements Callable<Integer> {
    /** Populations {@code --population} accepts. */
    enum PopulationName {
        demo,
        benchmark
    }

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE|kafka:TOPIC",
            description =
                    "Log file to write (.jsonl or .jsonl.gz), or kafka:TOPIC (with"
                            + " --bootstrap-servers; keyed by client, record time = event time).")
    String output;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers, for kafka:TOPIC output.")
    String bootstrapServers;

    @Option(
            names = "--ground-truth",
            paramLabel = "FILE",
            description =
                    "Ground-truth file (JSON, exdetect.ground-truth.v1). Default for file output:"
                            + " next to it, NAME.ground-truth.json; none for Kafka.")
    Path groundTruth;

    @Option(
            names = "--population",
            defaultValue = "demo",
            description =
                    "demo (benign users, harvester-1, prober-1) or benchmark (the detection"
                            + " benchmark's day: 405 benign clients and 4 attackers of every"
                            + " family at scale 1). Default: ${DEFAULT-VALUE}.")
    PopulationName population;

    @Option(
            names = "--attack",
            paramLabel = "FAMILY",
            description =
                    "Instead: one attack of this family inside background traffic, as audit runs"
                            + " it.")
    String attack;

    @Option(
            names = "--budget",
            paramLabel = "N",
            description = "With --attack: its query budget (default: the family's default).")
    Long budget;

    @Option(
            names = "--background",
            paramLabel = "N",
            defaultValue = "40",
            description = "With --attack: benign clients around it (default: ${DEFAULT-VALUE}).")
    int background;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DetectionOptions.DurationConverter.class,
            description =
                    "Event-time span of the log (default: 10m for demo; the population's own span"
                            + " otherwise: 24h for benchmark, the attack's for --attack).")
    Duration duration;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            defaultValue = "2026-11-02T10:00:00Z",
            description = "Event time of the start (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
            names = "--benign-clients",
            paramLabel = "N",
            defaultValue = "8",
            description = "Demo population: benign users (default: ${DEFAULT-VALUE}).")
    int benignClients;

    @Option(
            names = "--scale",
            paramLabel = "X",
            defaultValue = "1",
            description = "Benchmark population: client counts relative to the standard one.")
    double scale;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin CorpusOption corpus;

    @Mixin AttackTimingOption attackTiming;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = ReplayCommand.parseTime(start, "--start");
        TrafficSimulator simulator;
        long span;
        if (attack != null) {
            Family family = Family.byId(attack);
            Population.Plan plan =
                    Population.audit(
                            seed,
                            family,
                            budget == null ? family.defaultBudget() : budget,
                            background,
                            corpus.load(),
                            attackTiming.get());
            simulator = new TrafficSimulator(seed, t0, plan.clients());
            span = plan.spanMillis();
        } else if (population == PopulationName.benchmark) {
            Corpus c = corpus.load();
            Population.Plan plan = Population.benchmark(seed, scale, c, attackTiming.get());
            simulator = new TrafficSimulator(seed, t0, plan.clients());
            span = plan.spanMillis();
        } else {
            if (attackTiming.get() != AttackTiming.SCRIPTED) {
                throw new IllegalArgumentException(
                        "--attack-timing applies to --population benchmark and --attack; the demo's"
                                + " attackers keep their own pace");
            }
            simulator = TrafficSimulator.demo(seed, t0, benignClients);
            span = Duration.ofMinutes(10).toMillis();
        }
        long end = t0 + (duration != null ? duration.toMillis() : span);
        long n;
        Path truth = groundTruth;
        if (output.startsWith("kafka:")) {
            if (bootstrapServers == null) {
                throw new IllegalArgumentException("kafka:TOPIC output needs --bootstrap-servers");
            }
            n = toKafka(simulator, end, output.substring("kafka:".length()));
        } else {
            Path file = Path.of(output);
            n = toFile(simulator, end, file);
            if (truth == null) {
                String name = file.getFileName().toString().replaceFirst("\\.jsonl(\\.gz)?$", "");
                truth = file.resolveSibling(name + ".ground-truth.json");
            }
        }
        if (truth != null) {
            GroundTruth.write(simulator, truth);
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "simulate: wrote %,d records (%d clients, %.1f h of event time) to %s%s%n",
                        n,
                        simulator.clients().size(),
                        (end - t0) / 3_600_000.0,
                        output,
                        truth == null ? "" : "; ground truth in " + truth);
        return 0;
    }

    private long toFile(TrafficSimulator simulator, long end, Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        long n = 0;
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out =
                        new BufferedOutputStream(
                                file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw,
                                1 << 16)) {
            while (simulator.peekTimestamp() < end) {
                out.write(Json.bytes(simulator.next()));
                out.write('\n');
                progress(++n);
            }
        }
        return n;
    }

    private long toKafka(TrafficSimulator simulator, long end, String topic) {
        // Sent as fast as the broker takes them, each with its event time as record timestamp.
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long n = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            while (simulator.peekTimestamp() < end) {
                ObjectNode r = simulator.next();
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                r.path("timestamp").asLong(),
                                r.path("client_id").asText(),
                                Json.bytes(r)),
                        (metadata, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
                progress(++n);
            }
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(
                    "sending to " + topic + " failed: " + failed.get().getMessage(), failed.get());
        }
        return n;
    }

    private void progress(long n) {
        if (n % 100_000 == 0) {
            spec.commandLine().getErr().printf("simulate: %,d records%n", n);
        }
    }
}
