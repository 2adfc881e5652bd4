package dev.exdetect.job.replay;

import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.pipeline.ParseRequests;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/**
 * Waits for a bounded detector job to finish, printing every two seconds how far it has read, from
 * the accumulators of its parse and detection steps.
 */
public final class JobProgress {
    private static final long EVERY_SECONDS = 2;

    private JobProgress() {}

    /**
     * Waits for {@code job}, printing progress lines to {@code progress}; {@code expectedRecords}
     * is how many records the job's input holds, for a share read, or 0 when unknown.
     */
    public static JobExecutionResult await(JobClient job, long expectedRecords, Progress progress)
            throws Exception {
        CompletableFuture<JobExecutionResult> done = job.getJobExecutionResult();
        long lastRead = 0;
        while (true) {
            try {
                return done.get(EVERY_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                Map<String, Object> acc;
                try {
                    acc = job.getAccumulators().get(EVERY_SECONDS, TimeUnit.SECONDS);
                } catch (Exception notYet) {
                    // Accumulators are not available while the job starts; try again.
                    continue;
                }
                long read = count(acc, ParseRequests.READ);
                progress.line(
                        String.format(
                                "%s (%,.0f/s), %,d rejected, %,d alerts so far",
                                expectedRecords > 0
                                        ? String.format(
                                                "%,d of %,d records read (%.0f%%)",
                                                read,
                                                expectedRecords,
                                                100.0 * read / expectedRecords)
                                        : String.format("%,d records read", read),
                                (read - lastRead) / (double) EVERY_SECONDS,
                                count(acc, ParseRequests.REJECTED_COUNT),
                                count(acc, DetectionFunction.ALERTS)));
                lastRead = read;
            }
        }
    }

    /** The accumulator {@code name} of a job as a count; 0 when the job has none of that name. */
    public static long count(Map<String, Object> accumulators, String name) {
        return accumulators.get(name) instanceof Number n ? n.longValue() : 0L;
    }
}
