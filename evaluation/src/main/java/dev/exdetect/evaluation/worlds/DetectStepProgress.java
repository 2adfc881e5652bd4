package dev.exdetect.evaluation.worlds;

import dev.exdetect.job.replay.Progress;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Progress of the detector job in records the detection step has processed, not only read: in batch
 * mode the job reads its whole input first, then the detection step works through it for most of
 * the run, which a count of records read does not show. While it is open, jobs started in this JVM
 * through {@link StreamExecutionEnvironment#getExecutionEnvironment()} get a local environment with
 * a metric reporter ({@link Reporter}) that keeps the detection operator's {@code numRecordsIn}
 * counters, and a thread prints their sum every few seconds. Nothing the job computes changes; only
 * how far it is shows.
 */
final class DetectStepProgress implements AutoCloseable {
    /** The detection operator's name in the pipeline. */
    static final String DETECT_OPERATOR = "detect (per-client features and rules)";

    private static final String REPORTER = "metrics.reporter.exdetect-progress.factory.class";
    private static final long EVERY_MILLIS = 5_000;

    /** The detection operator's input counters of the running job, by metric scope. */
    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    private final Thread poller;
    private volatile boolean open = true;

    private DetectStepProgress(LongSupplier expected, Progress progress) {
        COUNTERS.clear();
        Context.install();
        poller =
                new Thread(
                        () -> {
                            long last = -1;
                            while (open) {
                                try {
                                    Thread.sleep(EVERY_MILLIS);
                                } catch (InterruptedException e) {
                                    return;
                                }
                                long n = processed();
                                if (open && n > 0 && n != last) {
                                    progress.line(
                                            String.format(
                                                    Locale.ROOT,
                                                    "detector: %,d of %,d records processed by the"
                                                            + " detection step (%.0f%%)",
                                                    n,
                                                    expected.getAsLong(),
                                                    100.0 * n / Math.max(1, expected.getAsLong())));
                                    last = n;
                                }
                            }
                        },
                        "detect-step-progress");
        poller.setDaemon(true);
        poller.start();
    }

    /**
     * Shows the detection step's progress until closed; {@code expected} tells the input's size
     * (read when a line is printed: the simulation has finished by then).
     */
    static DetectStepProgress start(LongSupplier expected, Progress progress) {
        return new DetectStepProgress(expected, progress);
    }

    /** Records the detection step has taken in so far (requests, cluster verdicts, rules). */
    static long processed() {
        long n = 0;
        for (Counter c : COUNTERS.values()) {
            n += c.getCount();
        }
        return n;
    }

    @Override
    public void close() {
        open = false;
        poller.interrupt();
        Context.uninstall();
        COUNTERS.clear();
    }

    /**
     * Keeps the detection operator's {@code numRecordsIn} counters (registered with Flink as a
     * reporter factory through {@code META-INF/services}).
     */
    public static final class Reporter implements MetricReporter, MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }

        @Override
        public void open(MetricConfig config) {}

        @Override
        public void close() {}

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            if (name.equals("numRecordsIn")
                    && metric instanceof Counter c
                    && DETECT_OPERATOR.equals(group.getAllVariables().get("<operator_name>"))) {
                COUNTERS.put(group.getMetricIdentifier(name), c);
            }
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
    }

    /**
     * Makes {@link StreamExecutionEnvironment#getExecutionEnvironment()} return a local environment
     * with the reporter, as Flink's own clients and test environments install theirs.
     */
    private static final class Context extends StreamExecutionEnvironment {
        private Context() {}

        static void install() {
            initializeContextEnvironment(
                    conf -> {
                        // What createLocalEnvironment sets up, plus the reporter (a
                        // LocalStreamEnvironment refuses to be made while a context is set).
                        Configuration c = new Configuration(conf);
                        c.setString(REPORTER, Reporter.class.getName());
                        c.set(DeploymentOptions.TARGET, "local");
                        c.set(DeploymentOptions.ATTACHED, true);
                        StreamExecutionEnvironment env = new StreamExecutionEnvironment(c);
                        env.setParallelism(getDefaultLocalParallelism());
                        return env;
                    });
        }

        static void uninstall() {
            resetContextEnvironment();
        }
    }
}
