package dev.exdetect.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.io.KafkaIo;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.rules.model.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: the same detection over historical logs, as a bounded Flink job in batch mode.
 * Batch mode sorts each client's requests by event time before the detection step sees them, so a
 * replay is exact whatever the order and layout of its input files, and gives the answers the live
 * job gave for records that arrived within its out-of-orderness bound.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description =
                "Run the detection over historical request logs (files or a Kafka topic) and write DIR/alerts.jsonl, DIR/throttles.jsonl, DIR/rejected.jsonl and DIR/summary.json.")
public class ReplayCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "Request logs: .jsonl or .jsonl.gz files, folders of them, or kafka:TOPIC (with --bootstrap-servers).")
    List<String> inputs;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Folder for the results (created).")
    Path output;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description = "Only requests at or after this event time (RFC 3339 or epoch ms).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            description = "Only requests before this event time (RFC 3339 or epoch ms).")
    String to;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers, for kafka:TOPIC inputs.")
    String bootstrapServers;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallelism of the replay job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec CommandSpec spec;

    @Mixin DetectionOptions detection;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RulePack rules = detection.rulePack();
        EventTimeRange range =
                new EventTimeRange(
                        from == null ? Long.MIN_VALUE : parseTime(from, "--from"),
                        to == null ? Long.MAX_VALUE : parseTime(to, "--to"));
        long started = System.currentTimeMillis();
        err.printf("replay: %s with rules from %s%n", String.join(", ", inputs), rules.source());
        ObjectNode summary =
                Replay.run(
                                new Replay.Request(
                                        source(range),
                                        inputs,
                                        rules,
                                        detection.config(),
                                        range,
                                        parallelism,
                                        output,
                                        "replay",
                                        0),
                                new Progress(err, "replay"))
                        .summary();
        err.printf(
                "replay: done in %.1f s: %d records read, %d accepted, %d rejected, %d skipped; %d clients, %d alerts, %d throttle commands -> %s%n",
                (System.currentTimeMillis() - started) / 1000.0,
                summary.path("records_read").asLong(),
                summary.path("records_accepted").asLong(),
                summary.path("records_rejected").asLong(),
                summary.path("records_skipped").asLong(),
                summary.path("clients").asLong(),
                summary.path("alerts").asLong(),
                summary.path("throttle_commands").asLong(),
                output);
        return 0;
    }

    private Source<RawRecord, ?, ?> source(EventTimeRange range) throws IOException {
        boolean kafka = inputs.stream().anyMatch(i -> i.startsWith("kafka:"));
        if (kafka) {
            if (inputs.size() != 1 || bootstrapServers == null) {
                throw new IllegalArgumentException(
                        "a Kafka replay takes one --input kafka:TOPIC and --bootstrap-servers");
            }
            String topic = inputs.get(0).substring("kafka:".length());
            // Kafka record timestamps bound the read; event time then filters exactly.
            OffsetsInitializer start =
                    from == null
                            ? OffsetsInitializer.earliest()
                            : OffsetsInitializer.timestamp(range.fromMillis());
            OffsetsInitializer stop =
                    to == null
                            ? OffsetsInitializer.latest()
                            : OffsetsInitializer.timestamp(range.toMillis());
            return KafkaIo.source(
                    bootstrapServers, topic, "exdetect-replay", start, stop, new Properties());
        }
        return Replay.files(inputs.stream().map(Path::of).toList());
    }

    /** An RFC 3339 time or epoch milliseconds. */
    static long parseTime(String text, String option) {
        if (text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    option
                            + " '"
                            + text
                            + "' is neither RFC 3339 (2026-11-02T10:00:00Z) nor epoch ms");
        }
    }
}
