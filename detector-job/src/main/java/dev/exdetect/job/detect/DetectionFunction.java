package dev.exdetect.job.detect;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.AlertActivity;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.RuleBook;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.time.OrderedBuffer;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.response.Decision;
import dev.exdetect.rules.response.EnforcementState;
import dev.exdetect.rules.response.Exemption;
import dev.exdetect.rules.response.ResponsePlanner;
import dev.exdetect.rules.scoring.Firing;
import dev.exdetect.rules.scoring.RuleEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-client detection step: keeps each client's features, evaluates the rules in force, and
 * emits alerts (main output) and throttle commands (side output {@link #THROTTLES}).
 *
 * <p>Event time everywhere: requests are buffered until the watermark passes them and then
 * processed in timestamp order (ties by request id), so the same records give the same answers
 * whatever order they arrive in within the out-of-orderness bound, live or in replay. A request
 * that arrives behind the watermark is processed at once and counted as late.
 *
 * <p>Rules arrive on the broadcast input as {@link RuleMessage}s and are kept, with all their
 * versions, the pack settings and the overrides, in broadcast state; each request is judged by the
 * versions in force at its event time, with its tenant's thresholds.
 *
 * <p>What happens per request: features are updated; the rules fire or not; the {@link
 * ResponsePlanner} decides the command (graded response with escalation, renewal, cool-down and
 * allowlists); the {@link AlertEpisode} decides whether the client's alert is created, updated or
 * left alone.
 *
 * <p>Deadlines ({@link Deadlines}): a command lapses at its {@code expires_at} or steps down after
 * a cool-down, an alert episode closes after the cool-down, and after {@code clientIdleTtl} of
 * event time without requests the client's state is dropped, so state is bounded per client and in
 * time. Timers wake the function for them while the stream runs; at the end of a bounded input the
 * remaining requests and deadlines are played through in order, because batch execution drops
 * timers set at that point. Either way each takes effect at its own event time, so live and replay
 * agree.
 *
 * <p>This class coordinates; {@link ClientMessages} assembles and sends alerts and commands, {@link
 * RulesExport} answers export commands, and {@link DetectionMetrics} counts.
 */
public class DetectionFunction
        extends KeyedBroadcastProcessFunction<String, ClientEvent, RuleMessage, OutputRecord>
        implements CheckpointedFunction {

    /** Throttle commands and lifts, keyed by client. */
    public static final OutputTag<OutputRecord> THROTTLES =
            new OutputTag<>("throttle-commands", TypeInformation.of(OutputRecord.class));

    /** Accumulator names, read by {@code replay} for its summary. */
    public static final String ALERTS = DetectionMetrics.ALERTS_ACCUMULATOR;

    public static final String THROTTLE_COMMANDS = DetectionMetrics.COMMANDS_ACCUMULATOR;
    public static final String CLIENTS = DetectionMetrics.CLIENTS_ACCUMULATOR;

    /** Requests before cluster verdicts of the same millisecond, then by request id. */
    static final Comparator<ClientEvent> SAME_TIME_ORDER =
            Comparator.comparing((ClientEvent e) -> e.verdict != null)
                    .thenComparing(e -> e.requestId);

    private final DetectorConfig config;
    private final FeatureEngine engine;

    private transient ValueState<ClientState> clientState;

    /** Requests waiting for the watermark, at most {@code maxBufferedPerClient} per client. */
    private transient OrderedBuffer<ClientEvent> buffer;

    private transient RuleBook ruleBook;
    private transient ClientCounts clientCounts;
    private transient DetectionMetrics metrics;
    private transient ClientMessages messages;
    private transient Deadlines deadlines;

    /** A detection step with the given settings. */
    public DetectionFunction(DetectorConfig config) {
        this.config = config;
        this.engine = new FeatureEngine(config.features());
    }

    @Override
    public void open(OpenContext openContext) {
        clientState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "client", TypeInformation.of(ClientState.class)));
        buffer =
                OrderedBuffer.bounded(
                        getRuntimeContext()
                                .getMapState(
                                        OrderedBuffer.descriptor("pending", ClientEvent.class)),
                        getRuntimeContext().getState(OrderedBuffer.countDescriptor("buffered")),
                        config.maxBufferedPerClient(),
                        SAME_TIME_ORDER);
        metrics = new DetectionMetrics(getRuntimeContext(), clientCounts);
        messages = new ClientMessages(config, metrics);
        deadlines = new Deadlines(config.clientIdleTtl(), engine, messages);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        clientCounts =
                ClientCounts.restore(
                        context.getOperatorStateStore(), getRuntimeContext().getTaskInfo());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        clientCounts.snapshot();
    }

    // ---- requests: buffer until the watermark, then process in event-time order ----

    @Override
    public void processElement(ClientEvent event, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        metrics.watermark(ctx.timerService().currentWatermark());
        switch (buffer.offer(event, event.timestampMillis, ctx.timerService())) {
            case BUFFERED -> {}
            case LATE -> {
                // Behind the watermark: too late to be ordered with the others; processed at once.
                metrics.lateRecord();
                handleNow(event, ctx, out);
            }
            case FULL -> {
                // Skew guard: one client flooding must not grow the buffer (and the state reads
                // and writes for it) without bound. Processed at once, like a late request.
                metrics.bufferOverflow();
                handleNow(event, ctx, out);
            }
        }
    }

    /** Handles a request outside a timer, then sets the timers its deadlines need. */
    private void handleNow(ClientEvent event, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        ClientOutbox outbox = outbox(ctx, out);
        handle(event, ctx, outbox);
        scheduleWakeUps(event.timestampMillis, ctx, outbox);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        metrics.watermark(ctx.timerService().currentWatermark());
        ClientOutbox outbox = outbox(ctx, out);
        if (OrderedBuffer.endOfInput(ctx.timerService())) {
            // End of input (a bounded run, or batch mode, where timers set now would be dropped):
            // play everything that is left through to the end, in event-time order.
            for (long time : buffer.times()) {
                runDeadlines(time, ctx, outbox);
                handleAll(buffer.take(time), ctx, outbox);
            }
            runDeadlines(Long.MAX_VALUE, ctx, outbox);
            return;
        }
        runDeadlines(t, ctx, outbox);
        handleAll(buffer.take(t), ctx, outbox);
        scheduleWakeUps(t, ctx, outbox);
    }

    private void handleAll(List<ClientEvent> events, ReadOnlyContext ctx, ClientOutbox out)
            throws Exception {
        for (ClientEvent e : events) {
            handle(e, ctx, out);
        }
    }

    // ---- judging a request or a cluster verdict ----

    private void handle(ClientEvent e, ReadOnlyContext ctx, ClientOutbox out) throws Exception {
        long t = e.timestampMillis;
        ClientState s = clientState.value();
        if (s == null && e.verdict != null) {
            // A cluster finding about a client whose state expired (idle TTL shorter than the link
            // window): there is no request to judge or to name as trigger. The cluster's next
            // verdict reaches the client if it comes back.
            return;
        }
        if (s == null) {
            s = newClient(e, out);
        }
        RuleBook book = ruleBook(ctx);
        FeatureVector features;
        List<Firing> firings;
        if (e.verdict == null) {
            long updateStarted = System.nanoTime(); // for the latency metric only
            features = engine.update(s.features, e.observation);
            metrics.featureUpdate(System.nanoTime() - updateStarted);
            s.samples.add(e);
            if (e.model != null) {
                s.model = e.model;
            }
            firings =
                    RuleEvaluator.evaluate(
                            book.rulesAt(t, s.tenant), features, s.features.requestCount);
        } else {
            features = clusterFeatures(s, e.verdict, t);
            firings = clusterFirings(book, e.verdict, features, t);
        }
        // The trigger: this request, or for a cluster verdict the client's newest request.
        respond(s, e, Judgement.of(s.lastRequest(), features, firings), book, out);
        clientState.update(s);
    }

    /** Command and alert after rules fired (or not) on a request or a cluster verdict. */
    private void respond(
            ClientState s, ClientEvent e, Judgement judgement, RuleBook book, ClientOutbox out) {
        long t = e.timestampMillis;
        RuleSettings settings = book.settings();
        List<Firing> firings = judgement.firings();
        Exemption exemption = book.exemption(s.tenant, s.clientId, t);
        Optional<Decision> decision =
                ResponsePlanner.onRequest(
                        s.enforcement, firings, judgement.risk(), settings, exemption, t);
        if (e.verdict != null) {
            s.cluster = e.verdict;
        }
        String action = s.actionInForce(t);
        AlertActivity activity = null;
        if (!firings.isEmpty()) {
            Severity severity = settings.severity().severityOf(judgement.risk());
            // The id names the episode's opening, so it is only computed when one opens.
            String newId =
                    s.episode.isOpen()
                            ? null
                            : Ids.uuid(
                                    "alert",
                                    out.key(),
                                    e.requestId,
                                    Long.toString(t),
                                    firedRules(firings));
            activity =
                    s.episode.onFiring(
                            newId,
                            ruleIds(firings),
                            severity.name(),
                            action,
                            settings.suppressFor().toMillis(),
                            t);
        } else if (decision.isPresent()) {
            activity = s.episode.onActionChange(action, t);
        }
        if (activity != null) {
            messages.sendAlert(s, activity, judgement, out);
        }
        decision.ifPresent(
                d ->
                        messages.sendCommand(
                                s, d, judgement.trigger().requestId(), judgement.risk(), out));
    }

    /** The client's own features with the cluster's features next to them. */
    private FeatureVector clusterFeatures(ClientState s, ClusterVerdict v, long t) {
        FeatureVector features = engine.snapshot(s.features, t);
        for (int i = 0; i < v.featureNames.length; i++) {
            Feature f = Feature.byId(v.featureNames[i]);
            if (f != null) {
                features.set(f, v.featureValues[i]);
            }
        }
        return features;
    }

    /** The cluster rules of the verdict, as in force here, re-evaluated for their thresholds. */
    private static List<Firing> clusterFirings(
            RuleBook book, ClusterVerdict v, FeatureVector features, long t) {
        List<Rule> rules = new ArrayList<>();
        for (String id : v.ruleIds) {
            Rule r = book.clusterRule(id, t);
            if (r != null) {
                rules.add(r);
            }
        }
        return RuleEvaluator.evaluate(rules, features, Long.MAX_VALUE);
    }

    private ClientState newClient(ClientEvent e, ClientOutbox out) {
        ClientState s = new ClientState();
        s.clientId = e.clientId;
        s.tenant = e.tenant;
        s.features = engine.newState();
        s.samples = EvidenceSamples.empty();
        s.enforcement = new EnforcementState();
        s.episode = new AlertEpisode();
        s.episode.ruleIds = new String[0];
        deadlines.armCleanup(s, e.timestampMillis, out);
        metrics.clientAdded(out.key());
        return s;
    }

    private static String[] ruleIds(List<Firing> firings) {
        return firings.stream().map(f -> f.rule().id()).toArray(String[]::new);
    }

    /** The rules that fired, as {@code id@version,...}: part of what names an episode. */
    private static String firedRules(List<Firing> firings) {
        StringBuilder sb = new StringBuilder();
        for (Firing f : firings) {
            sb.append(f.rule().id()).append('@').append(f.rule().version()).append(',');
        }
        return sb.toString();
    }

    // ---- deadlines: command expiry and cool-down, alert closing, idle cleanup ----

    /** Runs the client's deadlines that fall at or before {@code t} (see {@link Deadlines}). */
    private void runDeadlines(long t, ReadOnlyContext ctx, ClientOutbox out) throws Exception {
        ClientState s = clientState.value();
        if (s == null) {
            return;
        }
        switch (deadlines.runDue(s, t, ruleBook(ctx).settings(), out)) {
            case NONE_DUE -> {}
            case RAN -> clientState.update(s);
            case CLIENT_DROPPED -> {
                clientState.clear();
                metrics.clientRemoved(out.key());
            }
        }
    }

    /** Makes sure timers wake the function for the client's next deadlines. */
    private void scheduleWakeUps(long now, ReadOnlyContext ctx, ClientOutbox out) throws Exception {
        ClientState s = clientState.value();
        if (s != null) {
            deadlines.scheduleWakeUps(s, now, ruleBook(ctx).settings(), out);
            clientState.update(s);
        }
    }

    /** The outputs and timers of the client {@code ctx} is on. */
    private ClientOutbox outbox(ReadOnlyContext ctx, Collector<OutputRecord> out) {
        return new ClientOutbox() {
            @Override
            public String key() {
                return ctx.getCurrentKey();
            }

            @Override
            public void alert(OutputRecord alert) {
                out.collect(alert);
            }

            @Override
            public void command(OutputRecord command) {
                ctx.output(THROTTLES, command);
            }

            @Override
            public void wakeAt(long t) {
                OrderedBuffer.wakeAt(t, ctx.timerService());
            }
        };
    }

    private RuleBook ruleBook(ReadOnlyContext ctx) throws Exception {
        return ruleBook(ctx.getBroadcastState(Descriptors.RULES));
    }

    /** The rules, compiled from broadcast state on first use after a start or restore. */
    private RuleBook ruleBook(ReadOnlyBroadcastState<String, String> rules) throws Exception {
        if (ruleBook == null) {
            ruleBook = RuleBook.restore(rules.immutableEntries());
        }
        return ruleBook;
    }

    // ---- rules: the broadcast input ----

    @Override
    public void processBroadcastElement(RuleMessage msg, Context ctx, Collector<OutputRecord> out)
            throws Exception {
        BroadcastState<String, String> rules = ctx.getBroadcastState(Descriptors.RULES);
        ruleBook(rules).apply(rules, msg);
        // Every parallel instance holds the same rules; one of them answers an export.
        if (msg.kind == RuleMessage.Kind.EXPORT
                && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(Descriptors.RULES_EXPORT, RulesExport.of(ruleBook, msg));
        }
    }
}
