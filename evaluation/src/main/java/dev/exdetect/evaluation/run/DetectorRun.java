package dev.exdetect.evaluation.run;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.io.JsonLinesFileSink;
import dev.exdetect.job.io.JsonLinesFormat;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.pipeline.ParseRequests;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.rules.model.RulePack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the real detector over request-log files, exactly as {@code replay} does: {@link
 * DetectorPipeline#build} in batch mode, files in, JSON-lines files out ({@code alerts.jsonl},
 * {@code throttles.jsonl}, {@code rejected.jsonl}).
 */
public final class DetectorRun {
    /** Output file names, as {@code replay} names them. */
    public static final String ALERTS = "alerts.jsonl";

    public static final String THROTTLES = "throttles.jsonl";
    public static final String REJECTED = "rejected.jsonl";

    /**
     * What the run wrote and counted.
     *
     * @param alerts the alerts file
     * @param throttles the throttle-commands file (commands and lifts)
     * @param recordsRead records the job read
     * @param recordsRejected records it refused (a simulation should produce none)
     */
    public record Result(Path alerts, Path throttles, long recordsRead, long recordsRejected) {}

    private DetectorRun() {}

    /** Runs the detector over {@code inputs}, writing into {@code outDir}. */
    public static Result run(
            List<Path> inputs,
            Path outDir,
            RulePack rules,
            DetectorConfig config,
            int parallelism,
            long expectedRecords,
            Progress progress)
            throws Exception {
        Files.createDirectories(outDir);
        org.apache.flink.core.fs.Path[] files =
                inputs.stream()
                        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                        .toArray(org.apache.flink.core.fs.Path[]::new);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(parallelism);
        DetectorPipeline.build(
                env,
                new DetectorPipeline.Inputs(
                        FileSource.forBulkFileFormat(new JsonLinesFormat(), files).build(),
                        rules,
                        null,
                        null,
                        EventTimeRange.ALL),
                new DetectorPipeline.Outputs(
                        new JsonLinesFileSink(outDir.resolve(ALERTS)),
                        new JsonLinesFileSink(outDir.resolve(THROTTLES)),
                        new JsonLinesFileSink(outDir.resolve(REJECTED)),
                        null,
                        null,
                        true),
                config);
        JobClient job = env.executeAsync("exdetect detection benchmark");
        Map<String, Object> acc =
                await(job, expectedRecords, "detector", progress).getAllAccumulatorResults();
        for (String f : List.of(ALERTS, THROTTLES, REJECTED)) {
            if (!Files.exists(outDir.resolve(f))) {
                Files.createFile(outDir.resolve(f));
            }
        }
        return new Result(
                outDir.resolve(ALERTS),
                outDir.resolve(THROTTLES),
                asLong(acc.get(ParseRequests.READ)),
                asLong(acc.get(ParseRequests.REJECTED_COUNT)));
    }

    /**
     * Waits for {@code job} to finish, printing every 2 s how many of the {@code expected} records
     * it has read, each line starting with {@code label}.
     */
    public static JobExecutionResult await(
            JobClient job, long expected, String label, Progress progress) throws Exception {
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        while (true) {
            try {
                return done.get(2, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                try {
                    Map<String, Object> acc = job.getAccumulators().get(2, TimeUnit.SECONDS);
                    long read = asLong(acc.get(ParseRequests.READ));
                    long alerts = asLong(acc.get(DetectionFunction.ALERTS));
                    progress.line(
                            String.format(
                                    "%s: %,d of %,d records read (%.0f%%), %,d alerts so far",
                                    label,
                                    read,
                                    expected,
                                    100.0 * read / Math.max(1, expected),
                                    alerts));
                } catch (Exception notYet) {
                    // Accumulators are not available while the job starts; try again.
                }
            }
        }
    }

    /** An accumulator's value as a long; 0 when absent. */
    public static long asLong(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }
}
