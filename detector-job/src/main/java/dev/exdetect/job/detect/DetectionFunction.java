package dev.exdetect.job.detect;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.model.ClientHistory;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.job.model.PopulationEvidence;
import dev.exdetect.job.output.CommandJson;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.rules.RuleBook;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.time.OrderedBuffer;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.parse.RulePackParser;
import dev.exdetect.rules.response.Decision;
import dev.exdetect.rules.response.EnforcementState;
import dev.exdetect.rules.response.Exemption;
import dev.exdetect.rules.response.ResponsePlanner;
import dev.exdetect.rules.scoring.Firing;
import dev.exdetect.rules.scoring.RuleEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
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
 * <p>Deadlines: a command lapses at its {@code expires_at} or steps down after a cool-down, an
 * alert episode closes after the cool-down, and after {@code clientIdleTtl} of event time without
 * requests the client's state is dropped, so state is bounded per client and in time. Timers wake
 * the function for them while the stream runs; at the end of a bounded input the remaining requests
 * and deadlines are played through in order, because batch execution drops timers set at that
 * point. Either way each takes effect at its own event time, so live and replay agree.
 */
public class DetectionFunction
        extends KeyedBroadcastProcessFunction<String, ClientEvent, RuleMessage, OutputRecord>
        implements CheckpointedFunction {

    /** Throttle commands and lifts, keyed by client. */
    public static final OutputTag<OutputRecord> THROTTLES =
            new OutputTag<>("throttle-commands", TypeInformation.of(OutputRecord.class));

    /** The rules in force, written on an export command. */
    public static final OutputTag<OutputRecord> RULES_EXPORT =
            new OutputTag<>("rules-export", TypeInformation.of(OutputRecord.class));

    /** Broadcast state: rule versions, settings and overrides, as canonical JSON text. */
    public static final MapStateDescriptor<String, String> RULES_STATE =
            new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);

    /** Accumulator names, read by {@code replay} for its summary. */
    public static final String ALERTS = "alerts";

    public static final String THROTTLE_COMMANDS = "throttle_commands";
    public static final String CLIENTS = "clients";

    private final DetectorConfig config;
    private final FeatureEngine engine;

    private transient ValueState<ClientState> clientState;
    private transient OrderedBuffer<ClientEvent> buffer;
    private transient RuleBook ruleBook;
    private transient Counter alertCounter;
    private transient Counter commandCounter;
    private transient Counter lateCounter;
    private transient LongCounter alertsAccumulator;
    private transient LongCounter commandsAccumulator;
    private transient LongCounter clientsAccumulator;

    /** Requests of the current client waiting for the watermark (the skew guard's count). */
    private transient ValueState<Integer> buffered;

    private transient ClientCounts clientCounts;
    private transient DetectionMetrics metrics;

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
                OrderedBuffer.over(
                        getRuntimeContext()
                                .getMapState(
                                        OrderedBuffer.descriptor("pending", ClientEvent.class)),
                        SAME_TIME_ORDER);
        var metrics = getRuntimeContext().getMetricGroup();
        alertCounter = metrics.counter("alerts");
        commandCounter = metrics.counter("throttleCommands");
        lateCounter = metrics.counter("lateRecords");
        alertsAccumulator = new LongCounter();
        commandsAccumulator = new LongCounter();
        clientsAccumulator = new LongCounter();
        getRuntimeContext().addAccumulator(ALERTS, alertsAccumulator);
        getRuntimeContext().addAccumulator(THROTTLE_COMMANDS, commandsAccumulator);
        getRuntimeContext().addAccumulator(CLIENTS, clientsAccumulator);
        buffered = getRuntimeContext().getState(new ValueStateDescriptor<>("buffered", Types.INT));
        this.metrics = new DetectionMetrics(metrics, clientCounts);
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
        Integer bufferedNow = buffered.value();
        int waiting = bufferedNow == null ? 0 : bufferedNow;
        if (waiting >= config.maxBufferedPerClient()) {
            // Skew guard: one client flooding must not grow the buffer (and the state reads and
            // writes for it) without bound. Processed at once, like a late request, and counted.
            metrics.bufferOverflow();
            handleNow(event, ctx, out);
            return;
        }
        if (buffer.add(event, event.timestampMillis, ctx.timerService())) {
            buffered.update(waiting + 1);
        } else {
            // Behind the watermark: too late to be ordered with the others; processed at once.
            lateCounter.inc();
            handleNow(event, ctx, out);
        }
    }

    /** Handles a request outside a timer, then sets the timers its deadlines need. */
    private void handleNow(ClientEvent event, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        handle(event, ctx, out);
        ClientState s = clientState.value();
        if (s != null) {
            scheduleWakeUps(s, event.timestampMillis, ctx);
            clientState.update(s);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        metrics.watermark(ctx.timerService().currentWatermark());
        if (OrderedBuffer.endOfInput(ctx.timerService())) {
            // End of input (a bounded run, or batch mode, where timers set now would be dropped):
            // play everything that is left through to the end, in event-time order.
            for (long time : buffer.times()) {
                runDeadlines(time, ctx, out);
                handleAll(buffer.take(time), ctx, out);
            }
            runDeadlines(Long.MAX_VALUE, ctx, out);
            buffered.clear();
            return;
        }
        runDeadlines(t, ctx, out);
        List<ClientEvent> due = buffer.take(t);
        if (!due.isEmpty()) {
            Integer bufferedNow = buffered.value();
            int waiting = bufferedNow == null ? 0 : bufferedNow;
            if (waiting > due.size()) {
                buffered.update(waiting - due.size());
            } else {
                buffered.clear();
            }
        }
        handleAll(due, ctx, out);
        ClientState s = clientState.value();
        if (s != null) {
            scheduleWakeUps(s, t, ctx);
            clientState.update(s);
        }
    }

    private void handleAll(
            List<ClientEvent> events, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        for (ClientEvent e : events) {
            handle(e, ctx, out);
        }
    }

    /** Requests before cluster verdicts of the same millisecond, then by request id. */
    static final Comparator<ClientEvent> SAME_TIME_ORDER =
            Comparator.comparing((ClientEvent e) -> e.verdict != null)
                    .thenComparing(e -> e.requestId);

    private void handle(ClientEvent e, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        long t = e.timestampMillis;
        ClientState s = clientState.value();
        if (s == null && e.verdict != null) {
            // A cluster finding about a client whose state expired (idle TTL shorter than the link
            // window): there is no request to judge or to name as trigger. The cluster's next
            // verdict reaches the client if it comes back.
            return;
        }
        if (s == null) {
            s = newClient(e, ctx);
        }
        RuleBook book = ruleBook(ctx);
        FeatureVector features;
        List<Firing> firings;
        Alert.Sample trigger;
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
            trigger = triggerOf(e);
        } else {
            features = clusterFeatures(s, e.verdict, t);
            firings = clusterFirings(book, e.verdict, features, t);
            trigger =
                    s.samples.size > 0
                            ? lastRequest(s)
                            : new Alert.Sample(e.requestId, null, 0, false, null);
        }
        respond(s, e, t, features, firings, trigger, book, ctx, out);
        clientState.update(s);
    }

    /** Risk, command and alert after rules fired (or not) on a request or a cluster verdict. */
    private void respond(
            ClientState s,
            ClientEvent e,
            long t,
            FeatureVector features,
            List<Firing> firings,
            Alert.Sample trigger,
            RuleBook book,
            ReadOnlyContext ctx,
            Collector<OutputRecord> out)
            throws Exception {
        RuleSettings settings = book.settings();
        double risk = RuleEvaluator.riskScore(firings);
        Exemption exemption = book.exemption(s.tenant, s.clientId, t);
        Optional<Decision> decision =
                ResponsePlanner.onRequest(s.enforcement, firings, risk, settings, exemption, t);
        if (e.verdict != null) {
            s.cluster = e.verdict;
        }
        String action = actionInForce(s, t);
        AlertEpisode.Activity activity = null;
        if (!firings.isEmpty()) {
            Severity severity = settings.severity().severityOf(risk);
            // The id names the episode's opening, so it is only computed when one opens.
            String newId =
                    s.episode.isOpen()
                            ? null
                            : Ids.uuid(
                                    "alert",
                                    ctx.getCurrentKey(),
                                    e.requestId,
                                    Long.toString(t),
                                    firedRules(firings, true));
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
            emitAlert(s, activity, trigger, features, firings, risk, settings, ctx, out);
        }
        if (decision.isPresent()) {
            emitCommand(s, decision.get(), trigger.requestId(), risk, ctx);
        }
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

    // ---- deadlines: command expiry and cool-down, alert closing, idle cleanup ----

    /**
     * Runs the client's deadlines that fall at or before {@code t}, earliest first. Each takes
     * effect at its own event time, whatever time the caller has reached.
     */
    private void runDeadlines(long t, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        ClientState s = clientState.value();
        while (s != null) {
            RuleSettings settings = ruleBook(ctx).settings();
            long command = ResponsePlanner.nextDeadline(s.enforcement, settings.response());
            long close = closesAt(s, settings);
            long idle = s.features.lastSeenMillis + config.clientIdleTtl().toMillis();
            long next = Math.min(command, Math.min(close, idle));
            if (next > t) {
                return;
            }
            if (next == command) {
                Decision d =
                        ResponsePlanner.onDeadline(s.enforcement, settings.response(), next)
                                .orElseThrow();
                AlertEpisode.Activity activity =
                        s.episode.onActionChange(actionInForce(s, next), next);
                if (activity != null) {
                    emitAlert(
                            s,
                            activity,
                            lastRequest(s),
                            snapshot(s, next),
                            List.of(),
                            0,
                            settings,
                            ctx,
                            out);
                }
                emitCommand(s, d, lastRequest(s).requestId(), 0, ctx);
                clientState.update(s);
            } else if (next == close) {
                emitAlert(
                        s,
                        s.episode.close(next, AlertEpisode.RISK_FELL),
                        lastRequest(s),
                        snapshot(s, next),
                        List.of(),
                        0,
                        settings,
                        ctx,
                        out);
                history(s)
                        .episodeClosed(
                                s.episode.alertId,
                                s.episode.openedAt,
                                next,
                                s.episode.severity,
                                s.episode.ruleIds);
                s.episode.reset();
                clientState.update(s);
            } else {
                ClientState dropped = s;
                ResponsePlanner.liftIfActive(dropped.enforcement, idle)
                        .ifPresent(
                                d ->
                                        emitCommand(
                                                dropped,
                                                d,
                                                lastRequest(dropped).requestId(),
                                                0,
                                                ctx));
                if (dropped.episode.isOpen()) {
                    emitAlert(
                            dropped,
                            dropped.episode.close(idle, AlertEpisode.CLIENT_IDLE),
                            lastRequest(dropped),
                            snapshot(dropped, idle),
                            List.of(),
                            0,
                            settings,
                            ctx,
                            out);
                }
                clientState.clear();
                metrics.clientRemoved(ctx.getCurrentKey());
                s = null;
            }
        }
    }

    /** When the open episode closes: after the cool-down, and never while a command is in force. */
    private static long closesAt(ClientState s, RuleSettings settings) {
        return s.enforcement.action == null
                ? s.episode.closesAt(settings.response().coolDown().toMillis())
                : Long.MAX_VALUE;
    }

    /** Makes sure a timer wakes the function for the client's next deadline. */
    private void scheduleWakeUps(ClientState s, long now, ReadOnlyContext ctx) throws Exception {
        RuleSettings settings = ruleBook(ctx).settings();
        long next =
                Math.min(
                        ResponsePlanner.nextDeadline(s.enforcement, settings.response()),
                        closesAt(s, settings));
        // One deadline timer at a time. While rules keep firing the cool-down moves later with
        // every request; a timer per request would pile up thousands for a busy client. A
        // deadline that moved later keeps the earlier timer, which finds nothing due and re-arms.
        if (next != Long.MAX_VALUE
                && next > now
                && (s.wakeUpTimer <= now || next < s.wakeUpTimer)) {
            s.wakeUpTimer = next;
            wakeAt(next, ctx);
        }
        if (s.cleanupTimer <= now) {
            s.cleanupTimer = s.features.lastSeenMillis + config.clientIdleTtl().toMillis();
            wakeAt(s.cleanupTimer, ctx);
        }
    }

    // ---- outputs ----

    private void emitAlert(
            ClientState s,
            AlertEpisode.Activity activity,
            Alert.Sample trigger,
            FeatureVector features,
            List<Firing> firings,
            double risk,
            RuleSettings settings,
            ReadOnlyContext ctx,
            Collector<OutputRecord> out)
            throws Exception {
        long t = s.episode.lastSentAt;
        List<Alert.Sample> samples = new ArrayList<>();
        for (int i = 0; i < s.samples.size; i++) {
            samples.add(s.samples.sample(i));
        }
        AttackType attackType = AttackType.UNKNOWN;
        double best = -1;
        for (Firing f : firings) {
            if (f.rule().score() > best) {
                best = f.rule().score();
                attackType = f.rule().attackType();
            }
        }
        Severity severity =
                firings.isEmpty()
                        ? Severity.valueOf(s.episode.severity)
                        : settings.severity().severityOf(risk);
        Map<String, Double> featureValues = features.asMap();
        Alert alert =
                new Alert(
                        s.episode.alertId,
                        activity.id(),
                        s.episode.closeReason,
                        s.episode.revision,
                        s.episode.openedAt,
                        s.clientId,
                        s.tenant,
                        t,
                        trigger,
                        s.features.requestCount,
                        risk,
                        severity,
                        attackType,
                        firings,
                        List.of(s.episode.ruleIds),
                        featureValues,
                        samples,
                        actionInForce(s, t),
                        clusterBehind(s),
                        PopulationEvidence.compare(config.population(), featureValues, firings),
                        history(s));
        out.collect(
                OutputRecord.of(
                        ctx.getCurrentKey(),
                        config.alertFormat().render(alert, s.model),
                        t,
                        alert.alertId() + "#" + alert.revision()));
        s.alerts++;
        alertCounter.inc();
        metrics.alert(severity.name(), alert.action());
        alertsAccumulator.add(1);
    }

    private void emitCommand(
            ClientState s, Decision d, String triggerRequestId, double risk, ReadOnlyContext ctx) {
        String key = ctx.getCurrentKey();
        String commandId;
        if (d.isLift()) {
            commandId = Ids.uuid("lift", key, Long.toString(d.version()));
            byte[] line = Json.bytes(CommandJson.liftLine(key, commandId, s.clientId, s.tenant, d));
            ctx.output(THROTTLES, OutputRecord.tombstone(key, line, d.issuedAt(), commandId));
        } else {
            commandId =
                    Ids.uuid(
                            "command",
                            key,
                            Long.toString(d.version()),
                            d.action().name(),
                            triggerRequestId);
            byte[] json =
                    Json.bytes(
                            CommandJson.command(
                                    commandId,
                                    s.clientId,
                                    s.tenant,
                                    d,
                                    triggerRequestId,
                                    s.episode.alertId,
                                    risk));
            ctx.output(THROTTLES, OutputRecord.of(key, json, d.issuedAt(), commandId));
            wakeAt(d.expiresAt(), ctx);
        }
        history(s)
                .commandSent(
                        commandId,
                        d.isLift() ? null : d.action().name(),
                        d.issuedAt(),
                        d.expiresAt(),
                        d.cause());
        commandCounter.inc();
        metrics.command(d.isLift() ? null : d.action().name());
        commandsAccumulator.add(1);
    }

    // ---- helpers ----

    private ClientState newClient(ClientEvent e, ReadOnlyContext ctx) {
        ClientState s = new ClientState();
        s.clientId = e.clientId;
        s.tenant = e.tenant;
        s.features = engine.newState();
        s.samples = EvidenceSamples.empty();
        s.enforcement = new EnforcementState();
        s.episode = new AlertEpisode();
        s.episode.ruleIds = new String[0];
        s.cleanupTimer = e.timestampMillis + config.clientIdleTtl().toMillis();
        wakeAt(s.cleanupTimer, ctx);
        clientsAccumulator.add(1);
        metrics.clientAdded(ctx.getCurrentKey());
        return s;
    }

    /** The client's history, created for state restored from a version without one. */
    private static ClientHistory history(ClientState s) {
        if (s.history == null) {
            s.history = new ClientHistory();
        }
        return s.history;
    }

    private FeatureVector snapshot(ClientState s, long t) {
        return engine.snapshot(s.features, t);
    }

    /** The client's cluster verdict when a cluster rule is part of the current alert episode. */
    private static ClusterVerdict clusterBehind(ClientState s) {
        if (s.cluster == null) {
            return null;
        }
        for (String id : s.cluster.ruleIds) {
            if (java.util.Arrays.asList(s.episode.ruleIds).contains(id)) {
                return s.cluster;
            }
        }
        return null;
    }

    private static String actionInForce(ClientState s, long t) {
        return s.enforcement.activeAt(t) ? s.enforcement.action : null;
    }

    private static Alert.Sample triggerOf(ClientEvent e) {
        return new Alert.Sample(
                e.requestId, e.inputDigest, e.inputLength, e.inputTruncated, e.inputSample);
    }

    /** The newest request of the client: the trigger of alerts and commands raised by deadlines. */
    private static Alert.Sample lastRequest(ClientState s) {
        return s.samples.sample(s.samples.size - 1);
    }

    private static String[] ruleIds(List<Firing> firings) {
        return firings.stream().map(f -> f.rule().id()).toArray(String[]::new);
    }

    private static String firedRules(List<Firing> firings, boolean withVersions) {
        StringBuilder sb = new StringBuilder();
        for (Firing f : firings) {
            sb.append(f.rule().id());
            if (withVersions) {
                sb.append('@').append(f.rule().version());
            }
            sb.append(',');
        }
        return sb.toString();
    }

    private static void wakeAt(long t, ReadOnlyContext ctx) {
        OrderedBuffer.wakeAt(t, ctx.timerService());
    }

    private RuleBook ruleBook(ReadOnlyContext ctx) throws Exception {
        if (ruleBook == null) {
            ruleBook = RuleBook.compile(ctx.getBroadcastState(RULES_STATE).immutableEntries());
        }
        return ruleBook;
    }

    // ---- rules: the broadcast input ----

    @Override
    public void processBroadcastElement(RuleMessage msg, Context ctx, Collector<OutputRecord> out)
            throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RULES_STATE);
        RuleBook.apply(state, msg);
        // Every parallel instance holds the same rules; one of them answers an export.
        if (msg.kind == RuleMessage.Kind.EXPORT
                && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            ctx.output(RULES_EXPORT, export(RuleBook.compile(state.entries()), msg));
        }
        ruleBook = null;
    }

    private static OutputRecord export(RuleBook book, RuleMessage request) {
        var doc = Json.object();
        doc.put("schema", RulePackParser.EXPORT_SCHEMA);
        doc.put("requested_by", request.origin);
        doc.set("settings", Json.MAPPER.valueToTree(RuleJson.settingsToMap(book.settings())));
        doc.set("overrides", Json.MAPPER.valueToTree(RuleJson.overridesToMap(book.overrides())));
        var rules = doc.putArray("rules");
        for (Rule r : book.allVersions()) {
            rules.add(Json.MAPPER.valueToTree(RuleJson.toMap(r)));
        }
        return OutputRecord.of(
                "rules", Json.bytes(doc), Long.MIN_VALUE, "rules-export:" + request.origin);
    }
}
