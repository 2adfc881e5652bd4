package dev.exdetect.job.detect;

import dev.exdetect.rules.model.Severity;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Everything the detection step counts, in one place: each event is one call here, which updates
 * every form it is reported in. All metrics are per parallel instance; docs/OPERATIONS.md lists
 * them with the alerts to set on them.
 *
 * <ul>
 *   <li>{@code alerts} counter, {@code alertsBySeverity} counters labelled {@code severity} and
 *       {@code action}, and the {@link DetectionFunction#ALERTS} accumulator: alert messages sent;
 *   <li>{@code throttleCommands} counter, {@code commandsByAction} counters labelled {@code action}
 *       ({@code LIFT} for tombstones), and the {@link DetectionFunction#THROTTLE_COMMANDS}
 *       accumulator: commands and lifts sent;
 *   <li>{@code lateRecords}: counter of requests that arrived behind the watermark;
 *   <li>{@code bufferOverflow}: counter of requests processed at once because their client already
 *       had the most requests allowed waiting for the watermark;
 *   <li>{@code featureUpdateMicros}: histogram of the time one request's feature update takes;
 *   <li>{@code clients}: gauge of the clients whose state this instance holds (see {@link
 *       ClientCounts}), and the {@link DetectionFunction#CLIENTS} accumulator of client states
 *       created;
 *   <li>{@code eventTimeLagMillis}: gauge of wall-clock time minus the operator's current
 *       watermark, -1 before the first watermark. Normally the out-of-orderness bound plus the
 *       ingestion delay; growing means the job falls behind or a source partition is stuck.
 * </ul>
 *
 * <p>The accumulators are what {@code replay} reads for its summary. Wall-clock time is read here
 * only for these metrics, never for a decision.
 */
final class DetectionMetrics {
    /** Accumulator of alert messages sent. */
    static final String ALERTS_ACCUMULATOR = "alerts";

    /** Accumulator of throttle commands and lifts sent. */
    static final String COMMANDS_ACCUMULATOR = "throttle_commands";

    /** Accumulator of client states created. */
    static final String CLIENTS_ACCUMULATOR = "clients";

    /** Feature-update timings kept for the histogram's statistics. */
    private static final int HISTOGRAM_WINDOW = 10_000;

    private final MetricGroup group;
    private final ClientCounts clients;
    private final Counter alerts;
    private final Counter commands;
    private final Counter lateRecords;
    private final Counter bufferOverflow;
    private final LongCounter alertsAccumulator = new LongCounter();
    private final LongCounter commandsAccumulator = new LongCounter();
    private final LongCounter clientsAccumulator = new LongCounter();
    private final Map<String, Counter> alertsBySeverity = new HashMap<>();
    private final Map<String, Counter> commandsByAction = new HashMap<>();
    private final Histogram featureUpdateMicros;
    private volatile long watermark = Long.MIN_VALUE;

    /** Registers the metrics and accumulators with {@code runtime}. */
    DetectionMetrics(RuntimeContext runtime, ClientCounts clients) {
        this.group = runtime.getMetricGroup();
        this.clients = clients;
        alerts = group.counter("alerts");
        commands = group.counter("throttleCommands");
        lateRecords = group.counter("lateRecords");
        runtime.addAccumulator(ALERTS_ACCUMULATOR, alertsAccumulator);
        runtime.addAccumulator(COMMANDS_ACCUMULATOR, commandsAccumulator);
        runtime.addAccumulator(CLIENTS_ACCUMULATOR, clientsAccumulator);
        featureUpdateMicros =
                group.histogram(
                        "featureUpdateMicros",
                        new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        bufferOverflow = group.counter("bufferOverflow");
        group.gauge("clients", (Gauge<Long>) clients::total);
        group.gauge("eventTimeLagMillis", (Gauge<Long>) this::eventTimeLagMillis);
    }

    /** An alert message of {@code severity} was sent, with {@code action} in force (or null). */
    void alertSent(Severity severity, String action) {
        String actionLabel = action == null ? "NONE" : action;
        alertsBySeverity
                .computeIfAbsent(
                        severity.name() + "/" + actionLabel,
                        l ->
                                group.addGroup("severity", severity.name())
                                        .addGroup("action", actionLabel)
                                        .counter("alertsBySeverity"))
                .inc();
        alerts.inc();
        alertsAccumulator.add(1);
    }

    /** A throttle command for {@code action} (or a lift, {@code action} null) was sent. */
    void commandSent(String action) {
        String actionLabel = action == null ? "LIFT" : action;
        commandsByAction
                .computeIfAbsent(
                        actionLabel, l -> group.addGroup("action", l).counter("commandsByAction"))
                .inc();
        commands.inc();
        commandsAccumulator.add(1);
    }

    /** A request arrived behind the watermark and was processed at once. */
    void lateRecord() {
        lateRecords.inc();
    }

    /** A request was processed at once because its client's buffer was full. */
    void bufferOverflow() {
        bufferOverflow.inc();
    }

    /** One request's feature update took {@code nanos}. */
    void featureUpdate(long nanos) {
        featureUpdateMicros.update(nanos / 1000);
    }

    /** The operator's current watermark, as seen by the function. */
    void watermark(long currentWatermark) {
        watermark = currentWatermark;
    }

    /** The state of the client of key {@code key} was created. */
    void clientAdded(String key) {
        clients.added(key);
        clientsAccumulator.add(1);
    }

    /** The state of the client of key {@code key} was dropped (idle TTL). */
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
