package dev.exdetect.job.detect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.ParseRuleMessages;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.testing.MeteredBroadcastHarness;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.parse.RulePackParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keyed broadcast detection step, driven through Flink's operator test harness. */
class DetectionFunctionTest {
    private static final long T0 = TestLogs.START;
    private static final DetectorConfig CONFIG =
            DetectorConfig.defaults().withClientIdleTtl(Duration.ofHours(1));

    private final QueryAnalyzer analyzer = new QueryAnalyzer(CONFIG.features());
    private KeyedBroadcastOperatorTestHarness<String, ClientEvent, RuleMessage, OutputRecord>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = harnessFor(CONFIG);
    }

    private static KeyedBroadcastOperatorTestHarness<String, ClientEvent, RuleMessage, OutputRecord>
            harnessFor(DetectorConfig config) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DetectionFunction(config),
                        e -> ClientKeys.of(e.tenant, e.clientId),
                        Types.STRING,
                        Descriptors.RULES);
        // As in the job, the rules input never holds back event time.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        analyzer.close();
    }

    private static RuleMessage rule(String id, String yaml) throws Exception {
        RawRecord raw = new RawRecord(yaml.getBytes(StandardCharsets.UTF_8), "test-rules");
        raw.key = id;
        return ParseRuleMessages.parse(raw);
    }

    private static RuleMessage volumeRule(int version, int threshold, String effectiveFrom)
            throws Exception {
        return rule(
                "volume",
                """
                id: volume
                version: %d
                description: many requests
                effective_from: %s
                when: requests_total >= %d
                score: 0.5
                """
                        .formatted(version, effectiveFrom, threshold));
    }

    private static RuleMessage throttleRule() throws Exception {
        return rule(
                "burst",
                """
                id: burst
                version: 1
                description: burst
                attack_type: DISTILLATION
                when: requests_last_minute >= 5
                score: 0.8
                response: {action: THROTTLE, limit: {requests: 1, per_seconds: 10}, ttl: 10m}
                """);
    }

    private ClientEvent event(String client, String requestId, long t) {
        ClientEvent e = new ClientEvent();
        e.clientId = client;
        e.tenant = "acme";
        e.requestId = requestId;
        e.timestampMillis = t;
        e.observation =
                analyzer.observe(
                        t, "question number " + requestId + " about many different things");
        e.inputDigest = "digest-" + requestId;
        return e;
    }

    private void send(ClientEvent e) throws Exception {
        harness.processElement(e, e.timestampMillis);
    }

    private List<JsonNode> alerts() {
        return alerts(harness);
    }

    private static List<JsonNode> alerts(AbstractStreamOperatorTestHarness<OutputRecord> h) {
        List<JsonNode> out = new ArrayList<>();
        for (OutputRecord r : h.extractOutputValues()) {
            out.add(TestLogs.json(r.value));
        }
        return out;
    }

    private List<OutputRecord> commands() {
        return commands(harness);
    }

    private static List<OutputRecord> commands(AbstractStreamOperatorTestHarness<OutputRecord> h) {
        List<OutputRecord> out = new ArrayList<>();
        var side = h.getSideOutput(DetectionFunction.THROTTLES);
        if (side != null) {
            for (StreamRecord<OutputRecord> r : side) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private int keyedStateEntries() {
        return keyedStateEntries(harness);
    }

    /** Keyed state entries of all clients: one per state (value, map) a client has. */
    private static int keyedStateEntries(AbstractStreamOperatorTestHarness<OutputRecord> h) {
        var backend = h.getOperator().getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    private static MeteredBroadcastHarness<String, ClientEvent, RuleMessage, OutputRecord>
            meteredHarness() throws Exception {
        var h =
                MeteredBroadcastHarness.open(
                        new DetectionFunction(CONFIG),
                        (ClientEvent e) -> ClientKeys.of(e.tenant, e.clientId),
                        Types.STRING,
                        Descriptors.RULES);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    @Test
    void aRequestBehindTheWatermarkIsHandledAtOnceCountedAsLateAndArmsItsDeadlines()
            throws Exception {
        try (var h = meteredHarness()) {
            h.processBroadcastElement(settings("response: {cool_down: 5m}"), T0);
            h.processBroadcastElement(throttleRule(), T0);
            for (int i = 1; i <= 4; i++) {
                ClientEvent e = event("c1", "r" + i, T0 + i * 100);
                h.processElement(e, e.timestampMillis);
            }
            h.processWatermark(T0 + 10_000);
            assertThat(alerts(h)).as("four requests: the burst rule needs five").isEmpty();
            assertThat(h.numEventTimeTimers()).as("the idle cleanup only").isEqualTo(1);
            assertThat(keyedStateEntries(h)).as("the client's state only").isEqualTo(1);

            // The fifth request, behind the watermark: judged now, without a watermark passing.
            ClientEvent late = event("c1", "late", T0 + 500);
            h.processElement(late, late.timestampMillis);
            assertThat(h.counter("lateRecords")).isEqualTo(1);
            assertThat(h.counter("bufferOverflow")).isZero();
            assertThat(alerts(h))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.path("trigger_request_id").asText()).isEqualTo("late");
                                assertThat(a.path("client_request_count").asLong()).isEqualTo(5);
                                assertThat(a.path("action").asText()).isEqualTo("THROTTLE");
                            });
            assertThat(commands(h))
                    .extracting(c -> TestLogs.json(c.value).path("action").asText())
                    .containsExactly("THROTTLE");
            assertThat(keyedStateEntries(h))
                    .as("nothing buffered, no buffered count: the client's state only")
                    .isEqualTo(1);
            // Its deadlines: the cool-down step at +5 min, the command's expiry at +10 min, next
            // to the idle cleanup.
            assertThat(h.numEventTimeTimers()).isEqualTo(3);

            // The step-down happens when the watermark passes its time, not at the next timer.
            h.processWatermark(T0 + 500 + 300_000);
            assertThat(commands(h))
                    .extracting(c -> TestLogs.json(c.value).path("action").asText())
                    .containsExactly("THROTTLE", "DEGRADE");
            assertThat(TestLogs.json(commands(h).get(1).value).path("issued_at").asLong())
                    .isEqualTo(T0 + 500 + 300_000);
        }
    }

    @Test
    void everyAlertAndCommandIsCountedOnceInEachOfItsForms() throws Exception {
        try (var h = meteredHarness()) {
            h.processBroadcastElement(
                    settings("response: {escalate_after: 2m, cool_down: 3m, max_action: BLOCK}"),
                    T0);
            h.processBroadcastElement(minuteRule("busy", 5, "{action: DEGRADE, ttl: 1h}"), T0);
            for (String client : List.of("c1", "c2")) {
                for (long t = T0; t < T0 + 5 * 60_000; t += 1000) {
                    ClientEvent e = event(client, client + "-" + t, t);
                    h.processElement(e, e.timestampMillis);
                }
            }
            // Through escalation, step-downs, lifts, episode closes and the idle cleanup.
            h.processWatermark(T0 + Duration.ofHours(3).toMillis());
            int alerts = alerts(h).size();
            int commands = commands(h).size();
            assertThat(alerts).isGreaterThan(2);
            assertThat(commands).isGreaterThan(2);
            assertThat(h.counter("alerts")).isEqualTo(alerts);
            assertThat(h.accumulator(DetectionFunction.ALERTS)).isEqualTo((long) alerts);
            assertThat(h.counter("throttleCommands")).isEqualTo(commands);
            assertThat(h.accumulator(DetectionFunction.THROTTLE_COMMANDS))
                    .isEqualTo((long) commands);
            assertThat(h.accumulator(DetectionFunction.CLIENTS)).isEqualTo(2L);
            assertThat(h.counter("lateRecords")).isZero();
            assertThat(keyedStateEntries(h)).as("both clients went idle").isZero();
        }
    }

    @Test
    void anAddedRuleAppliesToLaterEventsAndTheAlertCarriesItsSnapshotAndTrigger() throws Exception {
        harness.processBroadcastElement(volumeRule(1, 3, "2000-01-01T00:00:00Z"), T0);
        for (int i = 1; i <= 3; i++) {
            send(event("c1", "r" + i, T0 + i * 1000));
        }
        assertThat(alerts()).as("nothing before the watermark passes the requests").isEmpty();

        harness.processWatermark(T0 + 10_000);
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(a.path("client_id").asText()).isEqualTo("c1");
        assertThat(a.path("tenant").asText()).isEqualTo("acme");
        assertThat(a.path("trigger_request_id").asText()).isEqualTo("r3");
        assertThat(a.path("detected_at").asLong()).isEqualTo(T0 + 3000);
        assertThat(a.path("client_request_count").asLong()).isEqualTo(3);
        assertThat(a.path("risk_score").asDouble()).isEqualTo(0.5);
        assertThat(a.path("severity").asText()).isEqualTo("MEDIUM");
        assertThat(a.path("rules").get(0).path("snapshot").path("when").asText())
                .isEqualTo("requests_total >= 3");
        assertThat(
                        a.path("rules")
                                .get(0)
                                .path("thresholds_crossed")
                                .get(0)
                                .path("value")
                                .asDouble())
                .isEqualTo(3.0);
        assertThat(a.path("features").path("requests_total").asDouble()).isEqualTo(3.0);
        assertThat(a.path("evidence").path("sample_request_ids"))
                .extracting(JsonNode::asText)
                .containsExactly("r1", "r2", "r3");
        assertThat(a.path("action").isNull()).isTrue();
    }

    @Test
    void requestsAreJudgedInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        harness.processBroadcastElement(volumeRule(1, 3, "2000-01-01T00:00:00Z"), T0);
        send(event("c1", "late-but-first", T0 + 1000));
        send(event("c1", "third", T0 + 3000));
        send(event("c1", "second", T0 + 2000));
        harness.processWatermark(T0 + 10_000);
        assertThat(alerts())
                .singleElement()
                .satisfies(
                        a -> assertThat(a.path("trigger_request_id").asText()).isEqualTo("third"));
    }

    @Test
    void aChangedRuleJudgesEachRequestByTheVersionInForceAtItsEventTime() throws Exception {
        String v2From = java.time.Instant.ofEpochMilli(T0 + 5000).toString();
        harness.processBroadcastElement(volumeRule(1, 3, "2000-01-01T00:00:00Z"), T0);
        harness.processBroadcastElement(volumeRule(2, 100, v2From), T0);
        for (int i = 1; i <= 8; i++) {
            send(event("c1", "r" + i, T0 + i * 1000));
        }
        harness.processWatermark(T0 + 20_000);
        // Version 1 (threshold 3) is in force for r3 and r4; from T0+5s version 2 (threshold 100).
        List<JsonNode> alerts = alerts();
        assertThat(alerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.path("trigger_request_id").asText()).isEqualTo("r3");
                            assertThat(a.path("rules").get(0).path("version").asInt()).isEqualTo(1);
                        });
    }

    @Test
    void aDeletedRuleNoLongerFires() throws Exception {
        harness.processBroadcastElement(volumeRule(1, 1, "2000-01-01T00:00:00Z"), T0);
        send(event("c1", "r1", T0 + 1000));
        harness.processWatermark(T0 + 2000);
        assertThat(alerts()).hasSize(1);

        RawRecord tombstone = new RawRecord(null, "test-rules");
        tombstone.key = "volume";
        harness.processBroadcastElement(ParseRuleMessages.parse(tombstone), T0);
        send(event("c2", "r2", T0 + 3000));
        harness.processWatermark(T0 + 4000);
        assertThat(alerts()).as("only the alert from before the delete").hasSize(1);
    }

    @Test
    void aThrottleIsCommandedThenLiftedAtExpiryAndIdleStateAndTimersAreCleanedUp()
            throws Exception {
        harness.processBroadcastElement(throttleRule(), T0);
        for (int i = 1; i <= 5; i++) {
            send(event("c1", "r" + i, T0 + i * 100));
        }
        harness.processWatermark(T0 + 1000);
        assertThat(commands()).hasSize(1);
        JsonNode command = TestLogs.json(commands().get(0).value);
        assertThat(commands().get(0).key).isEqualTo("acme:c1");
        assertThat(command.path("action").asText()).isEqualTo("THROTTLE");
        assertThat(command.path("limit").path("requests").asInt()).isEqualTo(1);
        assertThat(command.path("version").asLong())
                .as("never below the event time")
                .isEqualTo(T0 + 500);
        assertThat(command.path("issued_at").asLong()).isEqualTo(T0 + 500);
        assertThat(command.path("expires_at").asLong()).isEqualTo(T0 + 500 + 600_000);
        assertThat(command.path("reason").path("alert_id").asText())
                .isEqualTo(alerts().get(0).path("alert_id").asText());
        assertThat(alerts().get(0).path("action").asText()).isEqualTo("THROTTLE");

        harness.processWatermark(T0 + 500 + 600_000);
        assertThat(commands()).hasSize(2);
        OutputRecord lift = commands().get(1);
        assertThat(lift.value).as("a tombstone on Kafka").isNull();
        assertThat(TestLogs.json(lift.fileLine()).path("version").asLong())
                .isEqualTo(T0 + 500 + 600_000);
        assertThat(keyedStateEntries()).as("state kept until the idle TTL").isPositive();

        harness.processWatermark(T0 + 500 + Duration.ofHours(2).toMillis());
        assertThat(keyedStateEntries()).as("state dropped after the idle TTL").isZero();
        assertThat(harness.numEventTimeTimers()).as("no timers left behind").isZero();
    }

    @Test
    void theEndOfInputGivesTheSameOutputsAsAWatermarkThatAdvancesStepByStep() throws Exception {
        List<ClientEvent> events = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            events.add(event(i % 2 == 0 ? "c1" : "c2", "r" + i, T0 + i * 100L));
        }
        events.add(event("c1", "after-expiry", T0 + 700_000));

        harness.processBroadcastElement(throttleRule(), T0);
        for (ClientEvent e : events) {
            send(e);
            harness.processWatermark(e.timestampMillis - 1);
        }
        harness.processWatermark(T0 + Duration.ofDays(1).toMillis());
        List<String> stepByStep = outputs();
        harness.close();

        open();
        harness.processBroadcastElement(throttleRule(), T0);
        for (ClientEvent e : events) {
            send(e);
        }
        harness.processWatermark(Long.MAX_VALUE);
        // Keys may be drained in another order; per key, and as a whole, the outputs are the same.
        assertThat(outputs()).isNotEmpty().containsExactlyInAnyOrderElementsOf(stepByStep);
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void aClientThatKeepsFiringKeepsAFewTimersNotOnePerRequest() throws Exception {
        harness.processBroadcastElement(settings("response: {cool_down: 5m}"), T0);
        harness.processBroadcastElement(minuteRule("busy", 5, "{action: MONITOR}"), T0);
        // Ten minutes at 2 requests a second: the rule fires on every request and each firing
        // moves the end of the alert's cool-down later.
        traffic("c1", T0, T0 + 600_000, 500);
        harness.processWatermark(T0 + 600_000);
        assertThat(alerts()).isNotEmpty();
        assertThat(harness.numEventTimeTimers())
                .as("the next deadline and the idle cleanup, not one per request")
                .isLessThanOrEqualTo(3);
    }

    @Test
    void anEpisodeStillOpenWhenTheClientGoesIdleClosesWithThatReason() throws Exception {
        // A cool-down longer than the idle TTL (1 h here): the state goes first.
        harness.processBroadcastElement(settings("response: {cool_down: 2h}"), T0);
        harness.processBroadcastElement(minuteRule("busy", 5, "{action: MONITOR}"), T0);
        traffic("c1", T0, T0 + 60_000, 1000);
        harness.processWatermark(T0 + Duration.ofHours(3).toMillis());
        JsonNode last = alerts().get(alerts().size() - 1);
        assertThat(last.path("activity").asText()).isEqualTo("closed");
        assertThat(last.path("close_reason").asText()).isEqualTo("client_idle");
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void aLaterAlertShowsTheClientsEarlierAlertsAndCommands() throws Exception {
        harness.processBroadcastElement(settings("response: {cool_down: 5m}"), T0);
        harness.processBroadcastElement(throttleRule(), T0);
        for (int i = 1; i <= 5; i++) {
            send(event("c1", "r" + i, T0 + i * 100));
        }
        harness.processWatermark(T0 + 1000);
        JsonNode first = alerts().get(0);
        assertThat(first.path("evidence").path("previous_alerts")).isEmpty();
        assertThat(first.path("evidence").path("previous_commands")).isEmpty();
        assertThat(first.path("evidence").path("previous_alerts_total").asInt()).isZero();

        // The throttle expires and is lifted, the episode closes; then the client is busy again.
        harness.processWatermark(T0 + 700_000);
        List<String> commandIds = new ArrayList<>();
        for (OutputRecord c : commands()) {
            commandIds.add(TestLogs.json(c.fileLine()).path("command_id").asText());
        }
        assertThat(commandIds).as("a throttle, then its lift").hasSizeGreaterThanOrEqualTo(2);
        for (int i = 1; i <= 5; i++) {
            send(event("c1", "s" + i, T0 + 800_000 + i * 100));
        }
        harness.processWatermark(T0 + 801_000);
        JsonNode next =
                alerts().stream()
                        .filter(a -> a.path("activity").asText().equals("created"))
                        .reduce((a, b) -> b)
                        .orElseThrow();
        assertThat(next.path("alert_id").asText()).isNotEqualTo(first.path("alert_id").asText());
        JsonNode evidence = next.path("evidence");
        assertThat(evidence.path("previous_alerts_total").asInt()).isEqualTo(1);
        JsonNode earlier = evidence.path("previous_alerts").get(0);
        assertThat(earlier.path("alert_id").asText()).isEqualTo(first.path("alert_id").asText());
        assertThat(earlier.path("opened_at").asLong()).isEqualTo(T0 + 500);
        assertThat(earlier.path("rule_ids").get(0).asText()).isEqualTo("burst");
        assertThat(evidence.path("previous_commands_total").asInt()).isEqualTo(commandIds.size());
        List<String> actions = new ArrayList<>();
        evidence.path("previous_commands").forEach(c -> actions.add(c.path("action").asText()));
        assertThat(actions).startsWith("THROTTLE").endsWith("LIFT");
        assertThat(evidence.path("previous_commands"))
                .extracting(c -> c.path("command_id").asText())
                .containsExactlyElementsOf(commandIds);
    }

    @Test
    void withAPopulationBaselineTheAlertPlacesTheCrossedFeatureAmongNormalClients()
            throws Exception {
        // Normal clients send 1 to 100 requests a minute and have 1 to 100 requests in all.
        List<FeatureVector> normal = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            FeatureVector v = new FeatureVector();
            v.set(Feature.REQUESTS_LAST_MINUTE, i);
            v.set(Feature.REQUESTS_TOTAL, i);
            normal.add(v);
        }
        harness.close();
        harness = harnessFor(CONFIG.withPopulation(PopulationBaseline.fit(normal)));
        harness.processBroadcastElement(throttleRule(), T0);
        for (int i = 1; i <= 5; i++) {
            send(event("c1", "r" + i, T0 + i * 100));
        }
        harness.processWatermark(T0 + 1000);
        JsonNode population = alerts().get(0).path("evidence").path("population");
        assertThat(population)
                .extracting(p -> p.path("feature").asText())
                .as("the crossed feature first; only features the baseline knows")
                .containsExactly("requests_last_minute", "requests_total");
        JsonNode minute = population.get(0);
        assertThat(minute.path("value").asDouble()).isEqualTo(5);
        assertThat(minute.path("percentile").asDouble()).isBetween(0.03, 0.06);
        assertThat(minute.path("population_median").asDouble()).isEqualTo(50.5);
        assertThat(minute.path("population_clients").asInt()).isEqualTo(100);
    }

    @Test
    void withoutAPopulationBaselineTheAlertListsNoPopulationEntries() throws Exception {
        harness.processBroadcastElement(throttleRule(), T0);
        for (int i = 1; i <= 5; i++) {
            send(event("c1", "r" + i, T0 + i * 100));
        }
        harness.processWatermark(T0 + 1000);
        assertThat(alerts().get(0).path("evidence").path("population")).isEmpty();
    }

    private static RuleMessage settings(String yaml) throws Exception {
        RawRecord raw = new RawRecord(yaml.getBytes(StandardCharsets.UTF_8), "test-settings");
        raw.key = ParseRuleMessages.SETTINGS_KEY;
        return ParseRuleMessages.parse(raw);
    }

    private static RuleMessage overrides(String yaml) throws Exception {
        RawRecord raw = new RawRecord(yaml.getBytes(StandardCharsets.UTF_8), "test-overrides");
        raw.key = ParseRuleMessages.OVERRIDES_KEY;
        return ParseRuleMessages.parse(raw);
    }

    private static RuleMessage minuteRule(String id, int threshold, String response)
            throws Exception {
        return rule(
                id,
                """
                id: %s
                version: 1
                description: %s
                when: requests_last_minute >= %d
                score: 0.6
                response: %s
                """
                        .formatted(id, id, threshold, response));
    }

    /**
     * One request every {@code stepMillis} from {@code from} (inclusive) to {@code to} (exclusive).
     */
    private void traffic(String client, long from, long to, long stepMillis) throws Exception {
        for (long t = from; t < to; t += stepMillis) {
            send(event(client, client + "-" + t, t));
        }
    }

    @Test
    void anAlertIsCreatedUpdatedOnlyWhenSomethingChangesAndClosedAfterTheCoolDown()
            throws Exception {
        harness.processBroadcastElement(
                settings("suppress_for: 10m\nresponse: {cool_down: 5m}"), T0);
        harness.processBroadcastElement(minuteRule("busy", 5, "{action: MONITOR}"), T0);
        harness.processBroadcastElement(minuteRule("very-busy", 30, "{action: MONITOR}"), T0);
        // 1 request/s for 2 min: "busy" fires from the 5th request, "very-busy" from the 30th.
        traffic("c1", T0, T0 + 120_000, 1000);
        harness.processWatermark(T0 + 200_000);
        List<JsonNode> alerts = alerts();
        assertThat(alerts)
                .extracting(a -> a.path("activity").asText())
                .containsExactly("created", "updated");
        assertThat(alerts)
                .extracting(a -> a.path("alert_id").asText())
                .containsOnly(alerts.get(0).path("alert_id").asText());
        assertThat(alerts).extracting(a -> a.path("revision").asInt()).containsExactly(1, 2);
        assertThat(alerts.get(1).path("episode_rule_ids"))
                .extracting(JsonNode::asText)
                .containsExactly("busy", "very-busy");

        // Still busy for ten more minutes: one update once suppress_for has passed, not one per
        // request.
        traffic("c1", T0 + 120_000, T0 + 700_000, 1000);
        harness.processWatermark(T0 + 701_000);
        assertThat(alerts()).hasSize(3);
        assertThat(alerts().get(2).path("activity").asText()).isEqualTo("updated");
        assertThat(alerts().get(2).path("detected_at").asLong()).isEqualTo(T0 + 29_000 + 600_000);

        // Quiet: the episode closes 5 minutes after the last firing, at that event time.
        harness.processWatermark(T0 + 2_000_000);
        JsonNode closed = alerts().get(3);
        assertThat(closed.path("activity").asText()).isEqualTo("closed");
        assertThat(closed.path("close_reason").asText()).isEqualTo("risk_fell");
        assertThat(alerts.get(0).path("close_reason").isNull()).isTrue();
        assertThat(closed.path("alert_id").asText())
                .isEqualTo(alerts.get(0).path("alert_id").asText());
        assertThat(closed.path("detected_at").asLong()).isEqualTo(T0 + 699_000 + 300_000);
        assertThat(alerts()).hasSize(4);

        // Busy again later: a new episode, with a new id.
        traffic("c1", T0 + 2_100_000, T0 + 2_110_000, 1000);
        harness.processWatermark(T0 + 2_200_000);
        JsonNode next = alerts().get(4);
        assertThat(next.path("activity").asText()).isEqualTo("created");
        assertThat(next.path("alert_id").asText()).isNotEqualTo(closed.path("alert_id").asText());
    }

    @Test
    void sustainedRiskEscalatesThenCalmStepsDownAndTheAlertFollowsTheAction() throws Exception {
        harness.processBroadcastElement(
                settings("response: {escalate_after: 2m, cool_down: 3m, max_action: BLOCK}"), T0);
        harness.processBroadcastElement(minuteRule("busy", 5, "{action: DEGRADE, ttl: 1h}"), T0);
        traffic("c1", T0, T0 + 5 * 60_000, 1000);
        harness.processWatermark(T0 + 5 * 60_000);
        assertThat(commands())
                .extracting(c -> TestLogs.json(c.value).path("action").asText())
                .containsExactly("DEGRADE", "THROTTLE", "BLOCK");
        assertThat(commands())
                .extracting(c -> TestLogs.json(c.value).path("reason").path("cause").asText())
                .containsExactly("rule", "escalated", "escalated");

        // Calm from here on: one step down per cool-down, then lifted.
        harness.processWatermark(T0 + 60 * 60_000);
        List<OutputRecord> all = commands();
        assertThat(all).hasSize(6);
        assertThat(all.subList(3, 5))
                .extracting(c -> TestLogs.json(c.value).path("action").asText())
                .containsExactly("THROTTLE", "DEGRADE");
        assertThat(all.get(5).value).as("lifted: a tombstone").isNull();
        assertThat(all)
                .extracting(c -> TestLogs.json(c.fileLine()).path("version").asLong())
                .isSorted()
                .doesNotHaveDuplicates();
        List<JsonNode> alerts = alerts();
        assertThat(alerts)
                .extracting(a -> a.path("action").asText(null))
                .containsSubsequence("DEGRADE", "THROTTLE", "BLOCK", "THROTTLE", "DEGRADE", null);
        assertThat(alerts.get(alerts.size() - 1).path("activity").asText()).isEqualTo("closed");
    }

    @Test
    void anAllowlistedClientGetsAllowAndIsNeverEnforcedWhileOthersAre() throws Exception {
        harness.processBroadcastElement(
                minuteRule(
                        "busy",
                        5,
                        "{action: THROTTLE, limit: {requests: 1, per_seconds: 60}, ttl: 1h}"),
                T0);
        harness.processBroadcastElement(
                overrides(
                        "clients:\n  - {client_id: trusted, tenant: acme, allow: true, reason: contract}"),
                T0);
        traffic("trusted", T0, T0 + 10_000, 1000);
        traffic("other", T0, T0 + 10_000, 1000);
        harness.processWatermark(T0 + 20_000);
        assertThat(commands())
                .extracting(c -> c.key + " " + TestLogs.json(c.value).path("action").asText())
                .containsExactlyInAnyOrder("acme:trusted ALLOW", "acme:other THROTTLE");
        assertThat(alerts())
                .extracting(a -> a.path("client_id").asText())
                .as("allowlisted clients still alert")
                .contains("trusted", "other");
    }

    @Test
    void aTenantThresholdOverrideAppliesOnlyToThatTenantsClients() throws Exception {
        harness.processBroadcastElement(minuteRule("busy", 5, "{action: MONITOR}"), T0);
        harness.processBroadcastElement(
                overrides(
                        "tenants:\n  - {tenant: bigco, thresholds: {busy: {requests_last_minute: 100}}}"),
                T0);
        ClientEvent big = event("b1", "b1-0", T0);
        big.tenant = "bigco";
        for (int i = 0; i < 20; i++) {
            ClientEvent e = event("b1", "b1-" + i, T0 + i * 1000);
            e.tenant = "bigco";
            send(e);
        }
        traffic("a1", T0, T0 + 20_000, 1000);
        harness.processWatermark(T0 + 30_000);
        assertThat(alerts()).extracting(a -> a.path("client_id").asText()).containsOnly("a1");
        assertThat(alerts().get(0).path("rules").get(0).path("snapshot").path("when").asText())
                .isEqualTo("requests_last_minute >= 5");
    }

    @Test
    void anExportCommandWritesTheRulesInForce() throws Exception {
        harness.processBroadcastElement(volumeRule(1, 3, "2000-01-01T00:00:00Z"), T0);
        harness.processBroadcastElement(volumeRule(2, 9, "2026-01-01T00:00:00Z"), T0);
        RawRecord control =
                new RawRecord(
                        "{\"command\":\"export\"}".getBytes(StandardCharsets.UTF_8), "control/0@7");
        control.key = ParseRuleMessages.CONTROL_KEY;
        harness.processBroadcastElement(ParseRuleMessages.parse(control), T0);
        var exported = harness.getSideOutput(Descriptors.RULES_EXPORT);
        assertThat(exported).hasSize(1);
        JsonNode doc = TestLogs.json(exported.peek().getValue().value);
        assertThat(doc.path("requested_by").asText()).isEqualTo("control/0@7");
        assertThat(doc.path("rules"))
                .extracting(r -> r.path("id").asText() + "@" + r.path("version").asInt())
                .containsExactly("volume@2", "volume@1");

        // The export is itself a rule pack: replaying with it applies the rules that were live.
        RulePack back =
                RulePackParser.parsePack(
                        "export", new String(exported.peek().getValue().value, UTF_8));
        assertThat(back.rules())
                .extracting(r -> r.id() + "@" + r.version())
                .containsExactlyInAnyOrder("volume@1", "volume@2");
    }

    private List<String> outputs() {
        List<String> all = new ArrayList<>();
        alerts().forEach(a -> all.add("alert " + a.toString()));
        commands()
                .forEach(
                        c ->
                                all.add(
                                        "command "
                                                + new String(
                                                        c.fileLine(), StandardCharsets.UTF_8)));
        return all;
    }
}
