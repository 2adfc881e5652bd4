package dev.exdetect.job.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.io.JsonLinesFileSink;
import dev.exdetect.job.io.JsonLinesFormat;
import dev.exdetect.job.io.KafkaIo;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.pipeline.ParseRequests;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.rules.model.RulePack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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
        description = {
            "Run the detection over historical request logs (files or a Kafka topic) and write",
            "DIR/alerts.jsonl, DIR/throttles.jsonl, DIR/rejected.jsonl and DIR/summary.json."
        })
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

    /** Output file names. */
    public static final String ALERTS = "alerts.jsonl";

    public static final String THROTTLES = "throttles.jsonl";
    public static final String REJECTED = "rejected.jsonl";
    public static final String SUMMARY = "summary.json";

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        RulePack rules = detection.rulePack();
        EventTimeRange range =
                new EventTimeRange(
                        from == null ? Long.MIN_VALUE : parseTime(from, "--from"),
                        to == null ? Long.MAX_VALUE : parseTime(to, "--to"));
        Source<RawRecord, ?, ?> source = source(range);
        Files.createDirectories(output);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);
        DetectorPipeline.build(
                env,
                new DetectorPipeline.Inputs(source, rules, null, null, range),
                new DetectorPipeline.Outputs(
                        new JsonLinesFileSink(output.resolve(ALERTS)),
                        new JsonLinesFileSink(output.resolve(THROTTLES)),
                        new JsonLinesFileSink(output.resolve(REJECTED)),
                        null,
                        null,
                        true),
                detection.config());

        long started = System.currentTimeMillis();
        err.printf("replay: %s with rules from %s%n", String.join(", ", inputs), rules.source());
        JobClient job = env.executeAsync("exdetect replay");
        JobExecutionResult result = awaitWithProgress(job, err);

        sortLines(output.resolve(ALERTS), "detected_at", "alert_id");
        sortLines(output.resolve(THROTTLES), "issued_at", "command_id");
        sortLines(output.resolve(REJECTED), null, "origin");
        ObjectNode summary = summary(result.getAllAccumulatorResults(), rules, range);
        Files.writeString(
                output.resolve(SUMMARY), summary.toPrettyString() + "\n", StandardCharsets.UTF_8);
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
        List<org.apache.flink.core.fs.Path> files = new ArrayList<>();
        for (String input : inputs) {
            for (Path p : expand(Path.of(input))) {
                files.add(new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()));
            }
        }
        return FileSource.forBulkFileFormat(
                        new JsonLinesFormat(), files.toArray(new org.apache.flink.core.fs.Path[0]))
                .build();
    }

    /** The log files named by {@code input}: itself, or the .jsonl/.jsonl.gz files under it. */
    static List<Path> expand(Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("input " + input + " does not exist");
        }
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        try (Stream<Path> walk = Files.walk(input)) {
            List<Path> files =
                    walk.filter(Files::isRegularFile)
                            .filter(
                                    p ->
                                            p.getFileName().toString().endsWith(".jsonl")
                                                    || p.getFileName()
                                                            .toString()
                                                            .endsWith(".jsonl.gz"))
                            .sorted()
                            .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no .jsonl or .jsonl.gz files under " + input);
            }
            return files;
        }
    }

    private static JobExecutionResult awaitWithProgress(JobClient job, PrintWriter err)
            throws Exception {
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        long lastRead = 0;
        while (!done.isDone()) {
            try {
                return done.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                Map<String, Object> acc;
                try {
                    acc = job.getAccumulators().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    continue;
                }
                long read = asLong(acc.get(ParseRequests.READ));
                err.printf(
                        "replay: %,d records read (%,.0f/s), %,d rejected, %,d alerts so far%n",
                        read,
                        (read - lastRead) / 2.0,
                        asLong(acc.get(ParseRequests.REJECTED_COUNT)),
                        asLong(acc.get(DetectionFunction.ALERTS)));
                lastRead = read;
            }
        }
        return done.get();
    }

    private ObjectNode summary(Map<String, Object> acc, RulePack rules, EventTimeRange range) {
        ObjectNode s = Json.object();
        s.put("schema", "exdetect.replay-summary.v1");
        var in = s.putArray("inputs");
        inputs.forEach(in::add);
        s.put("rules", rules.source());
        s.put(
                "from",
                range.fromMillis() == Long.MIN_VALUE
                        ? null
                        : Instant.ofEpochMilli(range.fromMillis()).toString());
        s.put(
                "to",
                range.toMillis() == Long.MAX_VALUE
                        ? null
                        : Instant.ofEpochMilli(range.toMillis()).toString());
        long read = asLong(acc.get(ParseRequests.READ));
        long accepted = asLong(acc.get(ParseRequests.ACCEPTED));
        long rejected = asLong(acc.get(ParseRequests.REJECTED_COUNT));
        long skipped = asLong(acc.get(ParseRequests.SKIPPED));
        s.put("records_read", read);
        s.put("records_accepted", accepted);
        s.put("records_rejected", rejected);
        s.put("records_skipped", skipped);
        s.put("reconciled", read == accepted + rejected + skipped);
        s.put("clients", asLong(acc.get(DetectionFunction.CLIENTS)));
        s.put("alerts", asLong(acc.get(DetectionFunction.ALERTS)));
        s.put("throttle_commands", asLong(acc.get(DetectionFunction.THROTTLE_COMMANDS)));
        return s;
    }

    /** Sorts a JSON-lines file by a numeric then a text field, so replay output is byte-stable. */
    static void sortLines(Path file, String timeField, String idField) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
            return;
        }
        record Line(long time, String id, String text) {}
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = Json.MAPPER.readTree(text);
            lines.add(
                    new Line(
                            timeField == null ? 0 : n.path(timeField).asLong(),
                            n.path(idField).asText(),
                            text));
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparing(l -> naturalKey(l.id())));
        Files.write(file, lines.stream().map(Line::text).toList(), StandardCharsets.UTF_8);
    }

    /** Zero-pads the trailing number of {@code path:123} so lines sort in file order. */
    private static String naturalKey(String id) {
        int colon = id.lastIndexOf(':');
        if (colon > 0
                && id.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon < id.length() - 1) {
            return id.substring(0, colon)
                    + ":"
                    + "0".repeat(Math.max(0, 12 - (id.length() - colon - 1)))
                    + id.substring(colon + 1);
        }
        return id;
    }

    private static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
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
