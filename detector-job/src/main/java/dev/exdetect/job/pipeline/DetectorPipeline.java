package dev.exdetect.job.pipeline;

import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.linkage.ClusterFunction;
import dev.exdetect.job.linkage.LinkEvidence;
import dev.exdetect.job.linkage.LinkKeys;
import dev.exdetect.job.linkage.MemberProfileFunction;
import dev.exdetect.job.linkage.MemberRequest;
import dev.exdetect.job.linkage.SharedItemFunction;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.request.RequestParser;
import dev.exdetect.job.request.RequestRecord;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.ParseRuleMessages;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Builds the detector's dataflow. The one place where the pipeline is wired; {@code run}, {@code
 * replay}, {@code demo} and the tests only choose its {@link Inputs} and {@link Outputs}, and
 * {@code throughput} also its {@link Scope}.
 *
 * <pre>
 * requests ─► parse ─┬─► event time ─► observe ─► keyBy(client) ─► detect ─┬─► alerts
 *                    └─► rejected                       ▲                   └─► throttle commands
 * rules file ─┐                                         │
 * rules topic ┼─► validate rules ─► broadcast ──────────┘ (─► rules export)
 * control ────┘        └─► rejected rules
 * </pre>
 */
public final class DetectorPipeline {
    private DetectorPipeline() {}

    /**
     * Where the pipeline reads.
     *
     * @param requests request-log records (Kafka topic, files, or in-memory in tests)
     * @param initialRules the rule pack given at start (validated already)
     * @param ruleUpdates rule-topic messages (key = rule id), or null when rules are static
     * @param controlCommands control-topic messages, or null
     * @param range event times to process; others are counted as skipped
     */
    public record Inputs(
            Source<RawRecord, ?, ?> requests,
            RulePack initialRules,
            Source<RawRecord, ?, ?> ruleUpdates,
            Source<RawRecord, ?, ?> controlCommands,
            EventTimeRange range) {}

    /**
     * Where the pipeline writes. The optional sinks may be null.
     *
     * @param alerts alert JSON, keyed by client
     * @param throttles throttle commands, keyed by client; tombstones lift
     * @param rejected dead-letter records for refused requests
     * @param rejectedRules refused rule updates, or null
     * @param rulesExport answers to export commands, or null
     * @param singleWriter write each output with one writer (files), not in parallel
     */
    public record Outputs(
            Sink<OutputRecord> alerts,
            Sink<OutputRecord> throttles,
            Sink<OutputRecord> rejected,
            Sink<OutputRecord> rejectedRules,
            Sink<OutputRecord> rulesExport,
            boolean singleWriter) {
        /**
         * Outputs that drop every record, in parallel: for measuring the pipeline's own cost
         * without the cost of writing its (few) results.
         */
        public static Outputs discarding() {
            return new Outputs(
                    new DiscardingSink<>(),
                    new DiscardingSink<>(),
                    new DiscardingSink<>(),
                    null,
                    null,
                    false);
        }
    }

    /**
     * How much of the detector to build. Only benchmarks choose less than {@link #FULL}: the
     * end-to-end throughput benchmark measures the detector against what any consumer of the
     * request log pays anyway, and that baseline must be the detector's own source and parse step,
     * not a copy that could drift from it.
     */
    public enum Scope {
        /**
         * Source and parse step only: refused requests go to the dead-letter output as in {@link
         * #FULL}, accepted ones are dropped. No rules, no detection, and the other outputs are
         * unused.
         */
        PARSE_ONLY,
        /** The whole detector. */
        FULL
    }

    /** Adds the detector to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env, Inputs in, Outputs out, DetectorConfig config) {
        build(env, in, out, config, Scope.FULL);
    }

    /** Adds {@code scope} of the detector to {@code env}. */
    public static void build(
            StreamExecutionEnvironment env,
            Inputs in,
            Outputs out,
            DetectorConfig config,
            Scope scope) {
        // Requests: parse, with rejections to the dead-letter output, then event time.
        SingleOutputStreamOperator<RequestRecord> parsed =
                env.fromSource(in.requests(), WatermarkStrategy.noWatermarks(), "requests")
                        .uid("requests-source")
                        .process(
                                new ParseRequests(
                                        new RequestParser(
                                                config.maxRecordBytes(), config.maxTextChars()),
                                        in.range()))
                        .uid("parse-requests")
                        .name("parse requests");
        sink(
                parsed.getSideOutput(ParseRequests.REJECTED),
                out.rejected(),
                "rejected-requests",
                out.singleWriter());
        if (scope == Scope.PARSE_ONLY) {
            // An explicit sink, chained to the parse step: without one Flink would still run the
            // parse step (for its side output), but the baseline should hand every record on.
            parsed.sinkTo(new DiscardingSink<>()).uid("accepted-discarded").name("discard");
            return;
        }

        DataStream<ClientEvent> events =
                parsed.assignTimestampsAndWatermarks(
                                WatermarkStrategy.<RequestRecord>forBoundedOutOfOrderness(
                                                config.maxOutOfOrderness())
                                        .withTimestampAssigner((r, previous) -> r.timestampMillis)
                                        .withIdleness(config.sourceIdleness()))
                        .uid("event-time")
                        .name("event time")
                        .map(new ObserveQueries(config))
                        .uid("observe-queries")
                        .name("observe queries (Lucene + MinHash)");

        // Rules: the start-up pack, then live updates; validated once, then broadcast.
        RulesStream rules = ruleMessages(env, in);
        BroadcastStream<RuleMessage> broadcastRules =
                rules.messages()
                        .transform(
                                "rules without event time",
                                rules.messages().getType(),
                                new RulesWithoutEventTime<RuleMessage>())
                        .setParallelism(1)
                        .uid("rules-without-event-time")
                        .broadcast(Descriptors.RULES);

        // Cross-client linkage: clusters of accounts, judged by cluster rules; their verdicts join
        // the per-client input, ordered by event time with the client's requests.
        DataStream<ClientEvent> detectInput =
                config.linkage() == null
                        ? events
                        : events.union(clusterVerdicts(events, broadcastRules, config));

        SingleOutputStreamOperator<OutputRecord> alerts =
                detectInput
                        .keyBy(e -> ClientKeys.of(e.tenant, e.clientId))
                        .connect(broadcastRules)
                        .process(new DetectionFunction(config))
                        .uid("detect")
                        .name("detect (per-client features and rules)");

        sink(alerts, out.alerts(), "alerts", out.singleWriter());
        sink(
                alerts.getSideOutput(DetectionFunction.THROTTLES),
                out.throttles(),
                "throttle-commands",
                out.singleWriter());
        if (out.rejectedRules() != null && rules.updates() != null) {
            sink(
                    rules.updates().getSideOutput(Descriptors.REJECTED_RULES),
                    out.rejectedRules(),
                    "rejected-rules",
                    true);
        }
        if (out.rulesExport() != null) {
            sink(
                    alerts.getSideOutput(Descriptors.RULES_EXPORT),
                    out.rulesExport(),
                    "rules-export",
                    true);
        }
    }

    /**
     * The linkage branch: shared items of each request, indexed in parallel by item; evidence to
     * both clients' profiles, which also see each request (reduced to what a profile needs);
     * profiles of linked clients and the evidence to the (single) cluster step, which sends cluster
     * verdicts to members.
     */
    private static DataStream<ClientEvent> clusterVerdicts(
            DataStream<ClientEvent> events,
            BroadcastStream<RuleMessage> rules,
            DetectorConfig config) {
        LinkPolicy policy = config.linkage();
        DataStream<LinkEvidence> evidence =
                events.flatMap(new LinkKeys())
                        .uid("link-keys")
                        .name("shared items of each request")
                        .keyBy(o -> o.itemKey)
                        .process(new SharedItemFunction(policy))
                        .uid("shared-items")
                        .name("cross-client index (shared items)")
                        .flatMap(SharedItemFunction::toBothEnds)
                        .returns(LinkEvidence.class)
                        .uid("evidence-to-both-ends")
                        .name("evidence to both clients");
        // Chained to the observe step: only what a profile needs of a request is sent on.
        return events.map(MemberRequest::of)
                .uid("member-requests")
                .name("what member profiles need of each request")
                .keyBy(r -> ClientKeys.of(r.tenant, r.clientId))
                .connect(evidence.keyBy(e -> e.forKey))
                .process(new MemberProfileFunction(policy))
                .uid("member-profiles")
                .name("member profiles")
                .keyBy(in -> 0)
                .connect(rules)
                .process(new ClusterFunction(policy))
                .uid("clusters")
                .name("clusters of linked accounts")
                .setParallelism(1);
    }

    /**
     * The rules stream: the start-up pack (parsed once, from its file) as rule messages, then the
     * rules and control topics' messages, each validated once by {@link ParseRuleMessages}.
     */
    private static RulesStream ruleMessages(StreamExecutionEnvironment env, Inputs in) {
        RulePack pack = in.initialRules();
        List<RuleMessage> initial = new ArrayList<>();
        initial.add(ParseRuleMessages.settings(pack.settings(), pack.source()));
        initial.add(ParseRuleMessages.overrides(pack.overrides(), pack.source()));
        for (Rule rule : pack.rules()) {
            initial.add(ParseRuleMessages.upsert(rule, pack.source()));
        }
        // A bounded stream: its watermark stays at the minimum until every start-up rule has been
        // emitted, so no request is judged before the start-up rules are in place.
        DataStream<RuleMessage> messages =
                env.fromData(initial, TypeInformation.of(RuleMessage.class))
                        .uid("rules-file")
                        .name("rules file");
        SingleOutputStreamOperator<RuleMessage> updates = null;
        if (in.ruleUpdates() != null || in.controlCommands() != null) {
            DataStream<RawRecord> raw = null;
            if (in.ruleUpdates() != null) {
                raw =
                        env.fromSource(in.ruleUpdates(), maxWatermark(), "rules topic")
                                .uid("rules-topic-source");
            }
            if (in.controlCommands() != null) {
                DataStream<RawRecord> control =
                        env.fromSource(in.controlCommands(), maxWatermark(), "control topic")
                                .uid("control-topic-source")
                                .map(DetectorPipeline::asControl)
                                .uid("mark-control")
                                .name("mark control commands");
                raw = raw == null ? control : raw.union(control);
            }
            updates =
                    raw.process(new ParseRuleMessages())
                            .setParallelism(1)
                            .uid("parse-rules")
                            .name("validate rules");
            messages = messages.union(updates);
        }
        return new RulesStream(messages, updates);
    }

    /** The rule messages, and the validation step whose side output has the refused updates. */
    private record RulesStream(
            DataStream<RuleMessage> messages, SingleOutputStreamOperator<RuleMessage> updates) {}

    /**
     * Control-topic records are told apart from rules by their key, whatever key they were sent
     * with.
     */
    private static RawRecord asControl(RawRecord r) {
        r.key = ParseRuleMessages.CONTROL_KEY;
        return r;
    }

    /**
     * Watermarks for unbounded rule and control topics: always the maximum, so that the (usually
     * silent) rules input never holds back event time on the detection operator.
     */
    private static WatermarkStrategy<RawRecord> maxWatermark() {
        return WatermarkStrategy.forGenerator(
                ctx ->
                        new WatermarkGenerator<>() {
                            @Override
                            public void onEvent(
                                    RawRecord event, long timestamp, WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }

                            @Override
                            public void onPeriodicEmit(WatermarkOutput output) {
                                output.emitWatermark(new Watermark(Long.MAX_VALUE));
                            }
                        });
    }

    private static void sink(
            DataStream<OutputRecord> stream, Sink<OutputRecord> sink, String name, boolean single) {
        DataStreamSink<OutputRecord> s = stream.sinkTo(sink).uid(name + "-sink").name(name);
        if (single) {
            s.setParallelism(1);
        }
    }
}
