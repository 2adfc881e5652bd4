package dev.exdetect.job.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.io.JsonLinesFileSink;
import dev.exdetect.job.io.JsonLinesFormat;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.pipeline.ParseRequests;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.rules.model.RulePack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the detection pipeline over a bounded input, in Flink's batch mode, into a folder: {@code
 * alerts.jsonl}, {@code throttles.jsonl}, {@code rejected.jsonl} (each sorted by event time and id,
 * so the same input gives byte-identical files) and {@code summary.json}. Used by {@code replay},
 * {@code rules test}, and the evaluation (benchmark, audit): anything that needs the detector's
 * answers on logs.
 *
 * <p>Batch mode sorts each client's requests by event time before the detection step sees them, so
 * the result does not depend on the order or layout of the input files, and equals what the live
 * job gives for records that arrived within its out-of-orderness bound.
 */
public final class Replay {
    public static final String ALERTS = "alerts.jsonl";
    public static final String THROTTLES = "throttles.jsonl";
    public static final String REJECTED = "rejected.jsonl";
    public static final String SUMMARY = "summary.json";

    private Replay() {}

    /**
     * What to replay.
     *
     * @param source the records (see {@link #files})
     * @param inputNames how the input is named in the summary
     * @param rules the rule pack
     * @param config detection settings (the live job's, for the same answers)
     * @param range event times to process
     * @param parallelism Flink parallelism
     * @param output folder for the results (created)
     * @param label what the run is for, naming its Flink job ({@code exdetect LABEL})
     * @param expectedRecords records the source holds, for the share read in progress lines; 0 when
     *     unknown
     */
    public record Request(
            Source<RawRecord, ?, ?> source,
            List<String> inputNames,
            RulePack rules,
            DetectorConfig config,
            EventTimeRange range,
            int parallelism,
            Path output,
            String label,
            long expectedRecords) {}

    /**
     * What a replay wrote.
     *
     * @param alerts the alerts file
     * @param throttles the throttle-commands file (commands and lifts)
     * @param rejected the dead-letter file of refused records
     * @param summary what {@code summary.json} says: counts that reconcile, clients, alerts
     */
    public record Result(Path alerts, Path throttles, Path rejected, ObjectNode summary) {
        /** Records the job read. */
        public long recordsRead() {
            return summary.path("records_read").asLong();
        }

        /** Records it refused. */
        public long recordsRejected() {
            return summary.path("records_rejected").asLong();
        }
    }

    /** Runs the replay, printing progress to {@code progress} every 2 s; returns what it wrote. */
    public static Result run(Request r, Progress progress) throws Exception {
        Files.createDirectories(r.output());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(r.parallelism());
        DetectorPipeline.build(
                env,
                new DetectorPipeline.Inputs(r.source(), r.rules(), null, null, r.range()),
                new DetectorPipeline.Outputs(
                        new JsonLinesFileSink(r.output().resolve(ALERTS)),
                        new JsonLinesFileSink(r.output().resolve(THROTTLES)),
                        new JsonLinesFileSink(r.output().resolve(REJECTED)),
                        null,
                        null,
                        true),
                r.config());
        JobClient job = env.executeAsync("exdetect " + r.label());
        JobExecutionResult result = JobProgress.await(job, r.expectedRecords(), progress);

        Path alerts = r.output().resolve(ALERTS);
        Path throttles = r.output().resolve(THROTTLES);
        Path rejected = r.output().resolve(REJECTED);
        sortLines(
                alerts,
                n -> n.path("detected_at").asLong(),
                n ->
                        n.path("alert_id").asText()
                                + "#"
                                + String.format("%09d", n.path("revision").asInt()));
        sortLines(throttles, n -> n.path("issued_at").asLong(), n -> n.path("command_id").asText());
        sortLines(rejected, n -> 0L, n -> naturalKey(n.path("origin").asText()));
        ObjectNode summary = summary(result.getAllAccumulatorResults(), r);
        Files.writeString(
                r.output().resolve(SUMMARY),
                summary.toPrettyString() + "\n",
                StandardCharsets.UTF_8);
        return new Result(alerts, throttles, rejected, summary);
    }

    /** A source over log files and folders of them ({@code .jsonl} and {@code .jsonl.gz}). */
    public static Source<RawRecord, ?, ?> files(List<Path> inputs) throws IOException {
        List<org.apache.flink.core.fs.Path> files = new ArrayList<>();
        for (Path input : inputs) {
            for (Path p : expand(input)) {
                files.add(new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()));
            }
        }
        return FileSource.forBulkFileFormat(
                        new JsonLinesFormat(), files.toArray(new org.apache.flink.core.fs.Path[0]))
                .build();
    }

    /** The log files named by {@code input}: itself, or the .jsonl/.jsonl.gz files under it. */
    public static List<Path> expand(Path input) throws IOException {
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

    private static ObjectNode summary(Map<String, Object> acc, Request r) {
        ObjectNode s = Json.object();
        s.put("schema", "exdetect.replay-summary.v1");
        var in = s.putArray("inputs");
        r.inputNames().forEach(in::add);
        s.put("rules", r.rules().source());
        s.put(
                "from",
                r.range().fromMillis() == Long.MIN_VALUE
                        ? null
                        : Instant.ofEpochMilli(r.range().fromMillis()).toString());
        s.put(
                "to",
                r.range().toMillis() == Long.MAX_VALUE
                        ? null
                        : Instant.ofEpochMilli(r.range().toMillis()).toString());
        long read = JobProgress.count(acc, ParseRequests.READ);
        long accepted = JobProgress.count(acc, ParseRequests.ACCEPTED);
        long rejected = JobProgress.count(acc, ParseRequests.REJECTED_COUNT);
        long skipped = JobProgress.count(acc, ParseRequests.SKIPPED);
        s.put("records_read", read);
        s.put("records_accepted", accepted);
        s.put("records_rejected", rejected);
        s.put("records_skipped", skipped);
        s.put("reconciled", read == accepted + rejected + skipped);
        s.put("clients", JobProgress.count(acc, DetectionFunction.CLIENTS));
        s.put("alerts", JobProgress.count(acc, DetectionFunction.ALERTS));
        s.put("throttle_commands", JobProgress.count(acc, DetectionFunction.THROTTLE_COMMANDS));
        return s;
    }

    /** Sorts a JSON-lines file by a time then an id, so results are byte-stable. */
    private static void sortLines(
            Path file, Function<JsonNode, Long> time, Function<JsonNode, String> id)
            throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
            return;
        }
        record Line(long time, String id, String text) {}
        List<Line> lines = new ArrayList<>();
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n = Json.MAPPER.readTree(text);
            lines.add(new Line(time.apply(n), id.apply(n), text));
        }
        lines.sort(Comparator.comparingLong(Line::time).thenComparing(Line::id));
        Files.write(file, lines.stream().map(Line::text).toList(), StandardCharsets.UTF_8);
    }

    /** Zero-pads the trailing number of {@code path:123} so lines sort in file order. */
    private static String naturalKey(String origin) {
        int colon = origin.lastIndexOf(':');
        if (colon > 0
                && colon < origin.length() - 1
                && origin.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return origin.substring(0, colon + 1)
                    + "0".repeat(Math.max(0, 12 - (origin.length() - colon - 1)))
                    + origin.substring(colon + 1);
        }
        return origin;
    }
}
