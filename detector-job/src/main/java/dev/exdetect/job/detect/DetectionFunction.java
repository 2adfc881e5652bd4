package dev.exdetect.job.detect;

import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.features.engine.FeatureVector;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.output.Alert;
import dev.exdetect.job.output.CommandJson;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.response.Decision;
import dev.exdetect.rules.response.EnforcementState;
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
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
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
 * versions, in broadcast state; each request is judged by the versions in force at its event time.
 *
 * <p>Deadlines: an active command lapses at its {@code expires_at} (a lift is emitted), and after
 * {@code clientIdleTtl} of event time without requests the client's state is dropped, so state is
 * bounded per client and in time. Timers (one per buffered timestamp, one per command, one for idle
 * cleanup) wake the function for them while the stream runs; at the end of a bounded input the
 * remaining requests and deadlines are played through in order, because batch execution drops
 * timers set at that point. Either way, each takes effect at its own event time.
 */
public class DetectionFunction
        extends KeyedBroadcastProcessFunction<String, ClientEvent, RuleMessage, OutputRecord> {

    /** Throttle commands and lifts, keyed by client. */
    public static final OutputTag<OutputRecord> THROTTLES =
            new OutputTag<>("throttle-commands", TypeInformation.of(OutputRecord.class));

    /** The rules in force, written on an export command. */
    public static final OutputTag<OutputRecord> RULES_EXPORT =
            new OutputTag<>("rules-export", TypeInformation.of(OutputRecord.class));

    /** Broadcast state: rule versions and settings, as canonical JSON text. */
    public static final MapStateDescriptor<String, String> RULES_STATE =
            new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);

    /** Accumulator names, read by {@code replay} for its summary. */
    public static final String ALERTS = "alerts";

    public static final String THROTTLE_COMMANDS = "throttle_commands";
    public static final String CLIENTS = "clients";

    private final DetectorConfig config;
    private final FeatureEngine engine;

    private transient ValueState<ClientState> clientState;
    private transient MapState<Long, List<ClientEvent>> pending;
    private transient RuleBook ruleBook;
    private transient Counter alertCounter;
    private transient Counter commandCounter;
    private transient Counter lateCounter;
    private transient LongCounter alertsAccumulator;
    private transient LongCounter commandsAccumulator;
    private transient LongCounter clientsAccumulator;

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
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(ClientEvent.class))));
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
    }

    @Override
    public void processElement(ClientEvent event, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        long t = event.timestampMillis;
        if (t <= ctx.timerService().currentWatermark()) {
            // Behind the watermark: too late to be ordered with the others; processed at once.
            lateCounter.inc();
            handle(event, ctx, out);
            return;
        }
        List<ClientEvent> atT = pending.get(t);
        if (atT == null) {
            atT = new ArrayList<>(1);
        }
        atT.add(event);
        pending.put(t, atT);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            // End of input (a bounded run, or batch mode, where timers set now would be dropped):
            // play everything that is left through to the end, in event-time order.
            drain(ctx, out);
            return;
        }
        runDeadlines(t, ctx);
        List<ClientEvent> due = pending.get(t);
        if (due != null) {
            pending.remove(t);
            handleInOrder(due, ctx, out);
        }
        ClientState s = clientState.value();
        if (s != null && s.cleanupTimer <= t) {
            s.cleanupTimer = s.features.lastSeenMillis + config.clientIdleTtl().toMillis();
            wakeAt(s.cleanupTimer, ctx);
            clientState.update(s);
        }
    }

    /** Processes every buffered request and every deadline of the current client, in time order. */
    private void drain(OnTimerContext ctx, Collector<OutputRecord> out) throws Exception {
        List<Long> times = new ArrayList<>();
        for (Long time : pending.keys()) {
            times.add(time);
        }
        times.sort(null);
        for (long time : times) {
            runDeadlines(time, ctx);
            handleInOrder(pending.get(time), ctx, out);
            pending.remove(time);
        }
        runDeadlines(Long.MAX_VALUE, ctx);
    }

    private void handleInOrder(
            List<ClientEvent> events, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        events.sort(Comparator.comparing(e -> e.requestId));
        for (ClientEvent e : events) {
            handle(e, ctx, out);
        }
    }

    /**
     * Runs the client's deadlines that fall at or before {@code t}, earliest first: the lapse of
     * the active command (a lift) and the drop of an idle client's state. Each takes effect at its
     * own event time, whatever time the caller has reached, so live and replay emit the same lifts.
     */
    private void runDeadlines(long t, ReadOnlyContext ctx) throws Exception {
        ClientState s = clientState.value();
        while (s != null) {
            long expiry = s.enforcement.action != null ? s.enforcement.expiresAt : Long.MAX_VALUE;
            long idle = s.features.lastSeenMillis + config.clientIdleTtl().toMillis();
            if (Math.min(expiry, idle) > t) {
                return;
            }
            if (expiry <= idle) {
                emitLift(
                        s,
                        ResponsePlanner.onTimer(s.enforcement, expiry).orElseThrow(),
                        "expired",
                        ctx);
                clientState.update(s);
            } else {
                ClientState dropped = s;
                ResponsePlanner.liftIfActive(dropped.enforcement, idle)
                        .ifPresent(d -> emitLift(dropped, d, "client idle", ctx));
                clientState.clear();
                s = null;
            }
        }
    }

    private void handle(ClientEvent e, ReadOnlyContext ctx, Collector<OutputRecord> out)
            throws Exception {
        long t = e.timestampMillis;
        ClientState s = clientState.value();
        if (s == null) {
            s = newClient(e, ctx);
        }
        FeatureVector features = engine.update(s.features, e.observation);
        s.samples.add(e);

        RuleBook book = ruleBook(ctx);
        List<Firing> firings =
                RuleEvaluator.evaluate(book.rulesAt(t), features, s.features.requestCount);
        if (!firings.isEmpty()) {
            respond(s, e, features, firings, book.settings(), ctx, out);
        }
        clientState.update(s);
    }

    private void respond(
            ClientState s,
            ClientEvent e,
            FeatureVector features,
            List<Firing> firings,
            RuleSettings settings,
            ReadOnlyContext ctx,
            Collector<OutputRecord> out) {
        long t = e.timestampMillis;
        double risk = RuleEvaluator.riskScore(firings);
        Optional<Decision> decision =
                ResponsePlanner.onFirings(s.enforcement, firings, settings, t);
        boolean newRule = false;
        for (Firing f : firings) {
            if (s.lastAlertFor(f.rule().id()) <= t - settings.suppressFor().toMillis()) {
                newRule = true;
            }
        }
        if (newRule || decision.isPresent()) {
            Alert alert = alert(s, e, features, firings, settings, risk, ctx);
            out.collect(
                    OutputRecord.of(
                            ctx.getCurrentKey(),
                            config.alertFormat().render(alert, e.model),
                            t,
                            alert.alertId()));
            firings.forEach(f -> s.markAlerted(f.rule().id(), t));
            s.alerts++;
            s.lastAlertId = alert.alertId();
            alertCounter.inc();
            alertsAccumulator.add(1);
        }
        decision.ifPresent(d -> emitCommand(s, e, d, risk, ctx));
    }

    private Alert alert(
            ClientState s,
            ClientEvent e,
            FeatureVector features,
            List<Firing> firings,
            RuleSettings settings,
            double risk,
            ReadOnlyContext ctx) {
        StringBuilder rules = new StringBuilder();
        Firing strongest = firings.get(0);
        for (Firing f : firings) {
            rules.append(f.rule().id()).append('@').append(f.rule().version()).append(',');
            if (f.rule().score() > strongest.rule().score()) {
                strongest = f;
            }
        }
        String alertId =
                Ids.uuid(
                        "alert",
                        ctx.getCurrentKey(),
                        e.requestId,
                        Long.toString(e.timestampMillis),
                        rules.toString());
        List<Alert.Sample> samples = new ArrayList<>();
        for (int i = 0; i < s.samples.size; i++) {
            samples.add(s.samples.sample(i));
        }
        EnforcementState enforcement = s.enforcement;
        AttackType attackType = strongest.rule().attackType();
        return new Alert(
                alertId,
                s.clientId,
                s.tenant,
                e.timestampMillis,
                new Alert.Sample(
                        e.requestId, e.inputDigest, e.inputLength, e.inputTruncated, e.inputSample),
                s.features.requestCount,
                risk,
                settings.severity().severityOf(risk),
                attackType,
                firings,
                features.asMap(),
                samples,
                enforcement.activeAt(e.timestampMillis) ? enforcement.action : null);
    }

    private void emitCommand(
            ClientState s, ClientEvent e, Decision d, double risk, ReadOnlyContext ctx) {
        String key = ctx.getCurrentKey();
        String commandId =
                Ids.uuid(
                        "command",
                        key,
                        Integer.toString(d.version()),
                        d.action().name(),
                        e.requestId);
        byte[] json =
                Json.bytes(
                        CommandJson.command(
                                commandId,
                                s.clientId,
                                s.tenant,
                                d,
                                e.requestId,
                                s.lastAlertId,
                                risk));
        ctx.output(THROTTLES, OutputRecord.of(key, json, d.issuedAt(), commandId));
        wakeAt(d.expiresAt(), ctx);
        commandCounter.inc();
        commandsAccumulator.add(1);
    }

    private void emitLift(ClientState s, Decision d, String why, ReadOnlyContext ctx) {
        String key = ctx.getCurrentKey();
        String commandId = Ids.uuid("lift", key, Integer.toString(d.version()));
        byte[] line =
                Json.bytes(CommandJson.liftLine(key, commandId, s.clientId, s.tenant, d, why));
        ctx.output(THROTTLES, OutputRecord.tombstone(key, line, d.issuedAt(), commandId));
        commandCounter.inc();
        commandsAccumulator.add(1);
    }

    private ClientState newClient(ClientEvent e, ReadOnlyContext ctx) {
        ClientState s = new ClientState();
        s.clientId = e.clientId;
        s.tenant = e.tenant;
        s.features = engine.newState();
        s.samples = EvidenceSamples.empty();
        s.enforcement = new EnforcementState();
        s.alertedRules = new String[0];
        s.alertedAt = new long[0];
        s.cleanupTimer = e.timestampMillis + config.clientIdleTtl().toMillis();
        wakeAt(s.cleanupTimer, ctx);
        clientsAccumulator.add(1);
        return s;
    }

    /** Sets a timer, unless the input has ended (then {@link #drain} runs every deadline). */
    private static void wakeAt(long t, ReadOnlyContext ctx) {
        if (ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(t);
        }
    }

    private RuleBook ruleBook(ReadOnlyContext ctx) throws Exception {
        if (ruleBook == null) {
            ReadOnlyBroadcastState<String, String> state = ctx.getBroadcastState(RULES_STATE);
            ruleBook = RuleBook.compile(state.immutableEntries());
        }
        return ruleBook;
    }

    @Override
    public void processBroadcastElement(RuleMessage msg, Context ctx, Collector<OutputRecord> out)
            throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RULES_STATE);
        switch (msg.kind) {
            case UPSERT -> state.put(RuleBook.stateKey(msg.ruleId, msg.version), msg.text);
            case DELETE -> {
                List<String> keys = new ArrayList<>();
                for (Map.Entry<String, String> entry : state.entries()) {
                    if (RuleBook.isVersionOf(entry.getKey(), msg.ruleId)) {
                        keys.add(entry.getKey());
                    }
                }
                for (String k : keys) {
                    state.remove(k);
                }
            }
            case SETTINGS -> state.put(RuleBook.SETTINGS_KEY, msg.text);
            case EXPORT -> {
                // Every parallel instance holds the same rules; one of them answers.
                if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
                    ctx.output(RULES_EXPORT, export(RuleBook.compile(state.entries()), msg));
                }
            }
        }
        ruleBook = null;
    }

    private static OutputRecord export(RuleBook book, RuleMessage request) {
        var doc = Json.object();
        doc.put("schema", "exdetect.rules-export.v1");
        doc.put("requested_by", request.origin);
        doc.set("settings", Json.MAPPER.valueToTree(RuleJson.settingsToMap(book.settings())));
        var rules = doc.putArray("rules");
        for (Rule r : book.allVersions()) {
            rules.add(Json.MAPPER.valueToTree(RuleJson.toMap(r)));
        }
        return OutputRecord.of(
                "rules", Json.bytes(doc), Long.MIN_VALUE, "rules-export:" + request.origin);
    }
}
