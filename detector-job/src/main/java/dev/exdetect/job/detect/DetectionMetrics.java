package dev.exdetect.job.detect;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The operational metrics of the detection step, beyond the plain counters it registers itself
 * ({@code alerts}, {@code throttleCommands}, {@code lateRecords}). All are per parallel instance;
 * docs/OPERATIONS.md lists them with the alerts to set on them.
 *
 * <ul>
 *   <li>{@code alertsBySeverity} counters, labelled {@code severity} and {@code action};
 *   <li>{@code commandsByAction} counters, labelled {@code action} ({@code LIFT} for tombstones);
 *   <li>{@code featureUpdateMicros}: histogram of the time one request's feature update takes;
 *   <li>{@code clients}: gauge of the clients whose state this instance holds (see {@link
 *       ClientCounts});
 *   <li>{@code eventTimeLagMillis}: gauge of wall-clock time minus the operator's current
 *       watermark, -1 before the first watermark. Normally the out-of-orderness bound plus the
 *       ingestion delay; growing means the job falls behind or a source partition is stuck;
 *   <li>{@code bufferOverflow}: counter of requests processed at once because their client already
 *       had the most requests allowed waiting for the watermark.
 * </ul>
 *
 * <p>Wall-clock time is read here only for these metrics, never for a decision.
 */
final class DetectionMetrics {
    /** Feature-update timings kept for the histogram's statistics. */
    private static final int HISTOGRAM_WINDOW = 10_000;

    private final MetricGroup group;
    private final ClientCounts clients;
    private final Map<String, Counter> alertCounters = new HashMap<>();
    private final Map<String, Counter> commandCounters = new HashMap<>();
    private final Histogram featureUpdateMicros;
    private final Counter bufferOverflow;
    private volatile long watermark = Long.MIN_VALUE;

    DetectionMetrics(MetricGroup group, ClientCounts clients) {
        this.group = group;
        this.clients = clients;
        featureUpdateMicros =
                group.histogram(
                        "featureUpdateMicros",
                        new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        bufferOverflow = group.counter("bufferOverflow");
        group.gauge("clients", (Gauge<Long>) clients::total);
        group.gauge("eventTimeLagMillis", (Gauge<Long>) this::eventTimeLagMillis);
    }

    /** An alert message was sent. */
    void alert(String severity, String action) {
        String label = severity + "/" + (action == null ? "NONE" : action);
        alertCounters
                .computeIfAbsent(
                        label,
                        l ->
                                group.addGroup("severity", severity)
                                        .addGroup("action", action == null ? "NONE" : action)
                                        .counter("alertsBySeverity"))
                .inc();
    }

    /** A throttle command (or a lift, {@code action} null) was sent. */
    void command(String action) {
        String label = action == null ? "LIFT" : action;
        commandCounters
                .computeIfAbsent(
                        label, l -> group.addGroup("action", l).counter("commandsByAction"))
                .inc();
    }

    /** One request's feature update took {@code nanos}. */
    void featureUpdate(long nanos) {
        featureUpdateMicros.update(nanos / 1000);
    }

    /** The operator's current watermark, as seen by the function. */
    void watermark(long currentWatermark) {
        watermark = currentWatermark;
    }

    /** A request was processed at once because its client's buffer was full. */
    void bufferOverflow() {
        bufferOverflow.inc();
    }

    /** A client's state was created. */
    void clientAdded(String key) {
        clients.added(key);
    }

    /** A client's state was dropped (idle TTL). */
    void clientRemoved(String key) {
        clients.removed(key);
    }

    private long eventTimeLagMillis() {
        long w = watermark;
        if (w == Long.MIN_VALUE) {
            return -1;
        }
        if (w == Long.MAX_VALUE) {
            return 0; // end of a bounded input: nothing is behind
        }
        return Math.max(0, System.currentTimeMillis() - w);
    }
}
