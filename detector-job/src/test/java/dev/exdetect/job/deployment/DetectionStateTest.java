package dev.exdetect.job.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.ParseRuleMessages;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * What the detection step keeps per client, measured as Flink checkpoints it (the number behind the
 * sizing in docs/OPERATIONS.md), and the skew guard that bounds what one client may buffer. What a
 * hot client costs in time is measured by {@code DetectionBenchmarks} (JMH, evaluation module).
 */
class DetectionStateTest {
    private static final long T0 = TestLogs.START;
    private static final int CLIENTS = 50;

    /**
     * The checkpointed keyed state of {@code clients} clients after {@code requests} requests each
     * (one a second, distinct texts), all past the watermark: bytes.
     */
    private static long checkpointedBytes(int clients, int requests) throws Exception {
        DetectorConfig config = DetectorConfig.defaults();
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features());
                var harness = harness(config, DetectionOptions.bundledRules())) {
            for (int i = 0; i < requests; i++) {
                for (int c = 0; c < clients; c++) {
                    harness.processElement(
                            event(analyzer, "client-" + c, "r" + c + "-" + i, T0 + i * 1000L),
                            T0 + i * 1000L);
                }
            }
            harness.processWatermark(T0 + requests * 1000L);
            OperatorSubtaskState snapshot = harness.snapshot(1, 1);
            return snapshot.getManagedKeyedState().getStateSize();
        }
    }

    @Test
    void perClientStateIsBoundedWhateverTheClientsVolume() throws Exception {
        // Past 400 requests every ring, sketch and history of a client is full (some fill slowly:
        // template checkpoints, the alert history); from there on more requests add nothing.
        long base = checkpointedBytes(0, 0);
        long light = checkpointedBytes(CLIENTS, 400);
        long heavy = checkpointedBytes(CLIENTS, 1600);
        long perClient = (heavy - base) / CLIENTS;
        long features = serializedFeatureState(1600);
        System.out.printf(
                "checkpointed per-client state: %d bytes after 400 requests, %d after 1600;"
                        + " of which the feature state %d bytes%n",
                (light - base) / CLIENTS, perClient, features);
        // Four times the requests: the same state, but for digits in ids and counters.
        assertThat((double) heavy / light).isBetween(0.95, 1.05);
        assertThat(perClient).isPositive();
        // The documented bound: the feature state's 16 KiB and 4 KiB for the rest (samples,
        // enforcement, episode, history, and the client's few timers).
        assertThat(perClient).isLessThan(20 * 1024);
    }

    /** The feature state alone after {@code requests} text requests, as Flink serializes it. */
    private static long serializedFeatureState(int requests) throws Exception {
        DetectorConfig config = DetectorConfig.defaults();
        var engine = new dev.exdetect.features.engine.FeatureEngine(config.features());
        var state = engine.newState();
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features())) {
            for (int i = 0; i < requests; i++) {
                engine.update(state, event(analyzer, "c", "r0-" + i, T0 + i * 1000L).observation);
            }
        }
        var serializer =
                org.apache.flink.api.common.typeinfo.TypeInformation.of(
                                dev.exdetect.features.engine.ClientFeatureState.class)
                        .createSerializer(
                                new org.apache.flink.api.common.serialization
                                        .SerializerConfigImpl());
        var out = new org.apache.flink.core.memory.DataOutputSerializer(32 * 1024);
        serializer.serialize(state, out);
        return out.length();
    }

    @Test
    void aFloodingClientBuffersNoMoreThanTheLimitAndLosesNothing() throws Exception {
        DetectorConfig config = DetectorConfig.defaults().withMaxBufferedPerClient(100);
        String volume =
                """
                id: volume
                version: 1
                description: many requests
                when: requests_total >= 150
                score: 0.5
                """;
        RawRecord raw = new RawRecord(volume.getBytes(StandardCharsets.UTF_8), "test");
        raw.key = "volume";
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features());
                var harness = harness(config, null)) {
            harness.processBroadcastElement(ParseRuleMessages.parse(raw), Long.MIN_VALUE);
            // 300 requests in the same second, ahead of the watermark, and a quiet client.
            for (int i = 0; i < 300; i++) {
                harness.processElement(
                        event(analyzer, "flood", String.format("f%03d", i), T0 + 1000), T0 + 1000);
            }
            harness.processElement(event(analyzer, "quiet", "q1", T0 + 1000), T0 + 1000);
            // Before any watermark: the first 100 wait, the other 200 were processed at once,
            // so the rule fired on the 150th processed request.
            List<String> counts =
                    harness.extractOutputValues().stream()
                            .map(r -> TestLogs.json(r.value))
                            .map(
                                    a ->
                                            a.path("client_id").asText()
                                                    + "@"
                                                    + a.path("client_request_count").asLong())
                            .toList();
            assertThat(counts).containsExactly("flood@150");

            // Once the watermark passes, the buffered 100 are processed too: nothing is lost.
            harness.processWatermark(T0 + 60_000);
            harness.processWatermark(Long.MAX_VALUE);
            List<Long> lastCounts =
                    harness.extractOutputValues().stream()
                            .map(r -> TestLogs.json(r.value))
                            .filter(a -> a.path("client_id").asText().equals("flood"))
                            .map(a -> a.path("client_request_count").asLong())
                            .toList();
            assertThat(lastCounts).last().isEqualTo(300L);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, ClientEvent, RuleMessage, OutputRecord>
            harness(DetectorConfig config, RulePack rules) throws Exception {
        var harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new DetectionFunction(config),
                        e -> ClientKeys.of(e.tenant, e.clientId),
                        Types.STRING,
                        Descriptors.RULES);
        loadRules(harness, rules);
        return harness;
    }

    private static void loadRules(
            KeyedBroadcastOperatorTestHarness<String, ClientEvent, RuleMessage, OutputRecord>
                    harness,
            RulePack rules)
            throws Exception {
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        if (rules != null) {
            harness.processBroadcastElement(
                    ParseRuleMessages.settings(rules.settings(), rules.source()), Long.MIN_VALUE);
            for (Rule rule : rules.rules()) {
                harness.processBroadcastElement(
                        ParseRuleMessages.upsert(rule, rules.source()), Long.MIN_VALUE);
            }
        }
    }

    private static ClientEvent event(QueryAnalyzer analyzer, String client, String id, long t) {
        ClientEvent e = new ClientEvent();
        e.clientId = client;
        e.tenant = "acme";
        e.requestId = id;
        e.timestampMillis = t;
        e.observation = analyzer.observe(t, "question " + id + " about topic " + (t % 97));
        e.inputDigest = "0".repeat(64);
        return e;
    }
}
