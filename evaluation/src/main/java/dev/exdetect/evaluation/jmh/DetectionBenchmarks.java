package dev.exdetect.evaluation.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.ParseRuleMessages;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.parse.RulePackParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one hot client costs the detection step per request, against the same requests spread over
 * many clients (docs/OPERATIONS.md, "One huge client"): {@link #REQUESTS} requests at 20 per second
 * of event time per client, from one client or from 400 (10 each), through the real detection
 * operator ({@link DetectionFunction} in Flink's keyed broadcast operator, under Flink's operator
 * test harness) on the heap and on the RocksDB state backend, with a rule that fires on every
 * client. Watermarks follow the requests 5 s behind, as the job's out-of-orderness bound makes
 * them.
 *
 * <p>The text analysis, which the job runs before {@code keyBy}, is done once beforehand and not
 * timed; a fresh operator (and state backend) is set up before each invocation, untimed, and after
 * it every client's last alert must count all of its requests, so a run that lost or left requests
 * buffered fails instead of reporting a time.
 *
 * <p>Run: {@code java -jar evaluation/target/benchmarks.jar DetectionBenchmarks -f 1 -wi 2 -i 3}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            // What Flink needs on Java 17 (the project's flink.jvm.opens).
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
        })
public class DetectionBenchmarks {
    /** Requests per invocation, whatever the number of clients. */
    public static final int REQUESTS = 4_000;

    private static final long T0 = 1_793_577_600_000L;
    private static final long OUT_OF_ORDERNESS_MS = 5_000;

    /** Clients the requests come from: one hot client, or many small ones. */
    @Param({"1", "400"})
    public int clients;

    /** Flink state backend: {@code hashmap} (heap) or {@code rocksdb}. */
    @Param({"hashmap", "rocksdb"})
    public String backend;

    private final DetectorConfig config = DetectorConfig.defaults();
    private List<ClientEvent> events;
    private RulePack rules;
    private KeyedBroadcastOperatorTestHarness<String, ClientEvent, RuleMessage, OutputRecord>
            harness;

    /** The requests, analysed as the job's step before {@code keyBy} does; and the rule. */
    @Setup(Level.Trial)
    public void prepare() throws Exception {
        if (REQUESTS % clients != 0) {
            throw new IllegalArgumentException(clients + " clients do not divide " + REQUESTS);
        }
        events = new ArrayList<>(REQUESTS);
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features())) {
            for (int i = 0; i < REQUESTS; i++) {
                long t = T0 + (i / clients) * 50L;
                ClientEvent e = new ClientEvent();
                e.clientId = "client-" + (i % clients);
                e.tenant = "acme";
                e.requestId = "r" + i;
                e.timestampMillis = t;
                e.observation = analyzer.observe(t, "question r" + i + " about topic " + (t % 97));
                e.inputDigest = "0".repeat(64);
                events.add(e);
            }
        }
        rules =
                RulePackParser.parsePack(
                        "counting",
                        """
                        rules:
                          - id: tenth
                            version: 1
                            description: the tenth request
                            when: requests_total >= 10
                            score: 0.5
                        """);
    }

    /** A fresh detection operator with empty state and the rule loaded (not timed). */
    @Setup(Level.Invocation)
    public void openOperator() throws Exception {
        harness =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new DetectionFunction(config), List.of(Descriptors.RULES)),
                        e -> ClientKeys.of(e.tenant, e.clientId),
                        Types.STRING,
                        1,
                        1,
                        0);
        harness.setStateBackend(
                backend.equals("rocksdb")
                        ? new EmbeddedRocksDBStateBackend()
                        : new HashMapStateBackend());
        harness.setup();
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        harness.processBroadcastElement(
                ParseRuleMessages.settings(rules.settings(), rules.source()), Long.MIN_VALUE);
        for (Rule rule : rules.rules()) {
            harness.processBroadcastElement(
                    ParseRuleMessages.upsert(rule, rules.source()), Long.MIN_VALUE);
        }
    }

    /** Every request through the operator, then the end of input (all timers fire). */
    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public void detect() throws Exception {
        long watermark = Long.MIN_VALUE;
        for (ClientEvent e : events) {
            harness.processElement(e, e.timestampMillis);
            // A watermark for every second of event time, as the periodic generator emits them.
            if (e.timestampMillis - OUT_OF_ORDERNESS_MS > watermark + 1_000) {
                watermark = e.timestampMillis - OUT_OF_ORDERNESS_MS;
                harness.processWatermark(watermark);
            }
        }
        harness.processWatermark(Long.MAX_VALUE);
    }

    /**
     * Checks that every client's last alert (the episode closing at the end of input) counts all of
     * its requests, then closes the operator (not timed).
     */
    @TearDown(Level.Invocation)
    public void checkAndClose() throws Exception {
        try {
            Map<String, Long> counted = new HashMap<>();
            for (OutputRecord r : harness.extractOutputValues()) {
                JsonNode alert = json(r.value);
                counted.merge(
                        alert.path("client_id").asText(),
                        alert.path("client_request_count").asLong(),
                        Math::max);
            }
            long each = REQUESTS / clients;
            if (counted.size() != clients || !counted.values().stream().allMatch(n -> n == each)) {
                throw new IllegalStateException(
                        "expected the last alert of each of "
                                + clients
                                + " clients to count "
                                + each
                                + " requests, got "
                                + (counted.size() <= 5 ? counted : counted.size() + " clients"));
            }
        } finally {
            harness.close();
        }
    }

    private static JsonNode json(byte[] value) throws IOException {
        return Json.MAPPER.readTree(value);
    }
}
