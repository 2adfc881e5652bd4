package dev.exdetect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.request.ParseResult;
import dev.exdetect.job.request.RequestParser;
import dev.exdetect.job.testing.GatewayClient;
import dev.exdetect.job.testing.GatewayClient.Answer;
import dev.exdetect.job.testing.KafkaTestSupport;
import dev.exdetect.job.testing.ManualClock;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.job.testing.ThrottleTopicWriter;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ThrottleLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference gateway with real parts: real HTTP through it to the stand-in model, a real Kafka
 * broker holding the compacted throttle topic (written transactionally, as the detector does) and
 * the request-log topic. Time is a manual clock, so expiry and token refill are reached without
 * waiting. Each test uses its own clients, since the topic (like a real one) keeps them all.
 */
class ReferenceGatewayTest {
    private static final String THROTTLES = "throttle-commands";
    private static final String REQUESTS = "api-requests";
    private static final long T0 = TestLogs.START;

    private static EmbeddedKafka kafka;
    private static StandInModel model;
    private static ThrottleTopicWriter commands;

    @TempDir Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private final List<ReferenceGateway> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(Map.of(THROTTLES, 2, REQUESTS, 2), List.of(THROTTLES));
        model = StandInModel.start("127.0.0.1", 0);
        commands = new ThrottleTopicWriter(kafka.bootstrapServers(), THROTTLES);
    }

    @AfterAll
    static void stop() throws Exception {
        commands.close();
        model.close();
        kafka.close();
    }

    @AfterEach
    void closeGateways() throws Exception {
        for (ReferenceGateway g : gateways) {
            g.close();
        }
    }

    private ReferenceGateway gateway() throws Exception {
        GatewayConfig config =
                GatewayConfig.builder(model.uri(), kafka.bootstrapServers())
                        .listen("127.0.0.1", 0)
                        .topics(THROTTLES, REQUESTS)
                        .requestLogFile(dir.resolve("requests-" + gateways.size() + ".jsonl"))
                        .trustForwardedFor(true)
                        .build();
        ReferenceGateway g = ReferenceGateway.start(config, clock);
        gateways.add(g);
        return g;
    }

    @Test
    void anAttackerIsLimitedAfterTheThrottleCommandAndABenignClientNeverIs() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        for (int i = 0; i < 5; i++) {
            Answer a = http.classify("att-1", "contoso", "probe " + i);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body().path("probabilities")).hasSize(3);
        }

        commands.commit(
                commands.command(
                        "contoso",
                        "att-1",
                        Action.THROTTLE,
                        new ThrottleLimit(3, 60),
                        T0,
                        T0 + 900_000,
                        1));
        awaitVersion(g, "contoso:att-1", 1);

        List<Integer> attacker = new ArrayList<>();
        List<String> retryAfter = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Answer a = http.classify("att-1", "contoso", "probe after " + i);
            attacker.add(a.status());
            if (a.status() == 429) {
                retryAfter.add(a.retryAfter());
            }
        }
        assertThat(attacker).containsExactly(200, 200, 200, 429, 429, 429, 429, 429, 429, 429);
        assertThat(retryAfter).containsOnly("20"); // 3 per 60 s: a token every 20 s

        for (int i = 0; i < 10; i++) {
            Answer a = http.classify("user-1", "contoso", "benign " + i);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.body().path("probabilities")).hasSize(3);
        }
        assertThat(http.classify("att-1", null, "other tenant, other key").status()).isEqualTo(200);

        clock.advance(20_000);
        assertThat(http.classify("att-1", "contoso", "refilled").status()).isEqualTo(200);
        assertThat(http.classify("att-1", "contoso", "empty again").status()).isEqualTo(429);
    }

    @Test
    void degradeServesTheTopLabelAndTheCompletionWithoutScores() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        GatewayClient direct = new GatewayClient(model.uri());
        commands.commit(
                commands.command("contoso", "dist-1", Action.DEGRADE, null, T0, T0 + 60_000, 1));
        awaitVersion(g, "contoso:dist-1", 1);

        Answer full = direct.classify("dist-1", "contoso", "a fine film");
        Answer degraded = http.classify("dist-1", "contoso", "a fine film");
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.body().path("label").asText())
                .isEqualTo(full.body().path("label").asText());
        assertThat(degraded.body().has("probabilities")).isFalse();
        assertThat(degraded.body().has("confidence")).isFalse();

        String chat =
                "{\"model\":\"assistant-large\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"logprobs\":true,\"top_logprobs\":5,\"n\":3}";
        Answer fullChat = direct.post("/v1/chat/completions", "x", null, null, null, chat);
        assertThat(fullChat.body().path("choices")).hasSize(3);
        Answer degradedChat =
                http.post("/v1/chat/completions", "dist-1", "contoso", "dist-1-chat", null, chat);
        assertThat(degradedChat.status()).isEqualTo(200);
        assertThat(degradedChat.body().path("choices")).hasSize(1);
        assertThat(degradedChat.body().path("choices").get(0).has("logprobs")).isFalse();
        assertThat(
                        degradedChat
                                .body()
                                .path("choices")
                                .get(0)
                                .path("message")
                                .path("content")
                                .asText())
                .as("the answer itself is served")
                .isNotEmpty();

        clock.advance(60_000);
        assertThat(http.classify("dist-1", "contoso", "a fine film").body().has("probabilities"))
                .as("DEGRADE lapses at expires_at without a lift")
                .isTrue();

        g.close();
        JsonNode logged = logRecord(dir.resolve("requests-0.jsonl"), "dist-1-chat");
        assertThat(logged.path("params").path("logprobs").asBoolean())
                .as("the log keeps what the client asked for")
                .isTrue();
        assertThat(logged.path("output").path("logprobs").asBoolean())
                .as("and records what it got")
                .isFalse();
    }

    @Test
    void blockRefusesWithRetryAfterUntilTheCommandExpires() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        commands.commit(
                commands.command("contoso", "blk-1", Action.BLOCK, null, T0, T0 + 90_000, 1));
        awaitVersion(g, "contoso:blk-1", 1);

        Answer refused = http.classify("blk-1", "contoso", "x");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEqualTo("90");
        assertThat(refused.body().path("error").path("type").asText()).isEqualTo("rate_limited");
        clock.advance(60_000);
        assertThat(http.classify("blk-1", "contoso", "x").retryAfter()).isEqualTo("30");
        clock.advance(30_000);
        assertThat(http.classify("blk-1", "contoso", "x").status()).isEqualTo(200);
        assertThat(g.stats().blocked.get()).isEqualTo(2);
    }

    @Test
    void aStaleVersionIsIgnoredATombstoneLiftsAndAnAbortedCommandIsNeverSeen() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        commands.commit(
                commands.command("acme", "stale-1", Action.BLOCK, null, T0, T0 + 900_000, 3));
        awaitVersion(g, "acme:stale-1", 3);
        long staleBefore = g.stats().commandsStale.get();
        commands.commit(
                commands.command("acme", "stale-1", Action.DEGRADE, null, T0, T0 + 900_000, 2));
        await(() -> g.stats().commandsStale.get() > staleBefore);
        assertThat(http.classify("stale-1", "acme", "x").status()).isEqualTo(429);
        assertThat(g.enforcement().held("acme:stale-1").map(ThrottleCommand::version)).contains(3L);

        commands.commit(commands.lift("acme", "stale-1"));
        await(() -> g.enforcement().held("acme:stale-1").isEmpty());
        assertThat(http.classify("stale-1", "acme", "x").status()).isEqualTo(200);

        commands.abort(
                commands.command("acme", "aborted-1", Action.BLOCK, null, T0, T0 + 900_000, 1));
        commands.commit(
                commands.command("acme", "marker-1", Action.MONITOR, null, T0, T0 + 900_000, 1));
        awaitVersion(g, "acme:marker-1", 1);
        assertThat(g.enforcement().held("acme:aborted-1")).isEmpty();
        assertThat(http.classify("aborted-1", "acme", "x").status()).isEqualTo(200);
    }

    @Test
    void aRestartedGatewayKnowsEveryCommandBeforeItServesItsFirstRequest() throws Exception {
        ReferenceGateway first = gateway();
        commands.commit(
                commands.command(
                        "globex",
                        "r-throttled",
                        Action.THROTTLE,
                        new ThrottleLimit(1, 60),
                        T0,
                        T0 + 900_000,
                        2),
                commands.command("globex", "r-blocked", Action.BLOCK, null, T0, T0 + 900_000, 1),
                commands.command("globex", "r-degraded", Action.DEGRADE, null, T0, T0 + 900_000, 4),
                commands.command("globex", "r-lifted", Action.BLOCK, null, T0, T0 + 900_000, 1),
                commands.lift("globex", "r-lifted"),
                commands.command("globex", "r-stale", Action.BLOCK, null, T0, T0 + 900_000, 5),
                commands.command("globex", "r-stale", Action.ALLOW, null, T0, T0 + 900_000, 4));
        awaitVersion(first, "globex:r-degraded", 4);
        first.close();

        ReferenceGateway second = gateway();
        GatewayClient http = new GatewayClient(second.uri());
        assertThat(http.classify("r-blocked", "globex", "x").status()).isEqualTo(429);
        assertThat(http.classify("r-stale", "globex", "x").status()).isEqualTo(429);
        assertThat(http.classify("r-lifted", "globex", "x").status()).isEqualTo(200);
        assertThat(http.classify("r-degraded", "globex", "x").body().has("probabilities"))
                .isFalse();
        assertThat(http.classify("r-throttled", "globex", "x").status()).isEqualTo(200);
        assertThat(http.classify("r-throttled", "globex", "y").status()).isEqualTo(429);
        assertThat(http.classify("r-free", "globex", "x").status()).isEqualTo(200);
    }

    @Test
    void theRequestLogIsInTheContractFormatAndTheDetectorAcceptsEveryRecord() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        commands.commit(
                commands.command("initech", "log-att", Action.BLOCK, null, T0, T0 + 60_000, 1));
        awaitVersion(g, "initech:log-att", 1);

        clock.set(T0 + 1_000);
        http.post(
                "/v1/chat/completions",
                "log-user",
                "initech",
                "log-user-1",
                "198.51.100.23",
                "{\"model\":\"assistant-large\",\"messages\":[{\"role\":\"user\",\"content\":\"what is dna\"}],\"temperature\":0.2}");
        http.post(
                "/v1/classify",
                "log-att",
                "initech",
                "log-att-1",
                "2001:db8::7",
                "{\"features\":[0.25,-1.5,3]}");
        http.post(
                "/v1/classify", "log-user", null, "log-user-2", "not-an-ip", "{\"input\":\"hi\"}");
        assertThat(http.post("/v1/classify", null, "initech", "anon", null, "{}").status())
                .isEqualTo(401);

        List<ConsumerRecord<String, byte[]>> topic =
                KafkaTestSupport.readUntil(
                        kafka.bootstrapServers(),
                        REQUESTS,
                        Duration.ofSeconds(30),
                        read -> read.stream().filter(r -> isLogOf(r, "log-")).count() >= 3);
        List<ConsumerRecord<String, byte[]>> mine =
                topic.stream().filter(r -> isLogOf(r, "log-")).toList();
        assertThat(mine).hasSize(3);
        RequestParser parser = new RequestParser(8 * 1024 * 1024, 16 * 1024);
        for (ConsumerRecord<String, byte[]> r : mine) {
            ParseResult parsed = parser.parse(r.value(), "test");
            assertThat(parsed.isAccepted()).as(parsed.toString()).isTrue();
            assertThat(parsed.record().timestampMillis).isEqualTo(T0 + 1_000);
        }
        JsonNode chat = byId(mine, "log-user-1");
        assertThat(mine.get(0).key()).startsWith("initech:log-");
        assertThat(chat.path("client_id").asText()).isEqualTo("log-user");
        assertThat(chat.path("tenant").asText()).isEqualTo("initech");
        assertThat(chat.path("source_ip").asText()).isEqualTo("198.51.100.23");
        assertThat(chat.path("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(chat.path("model").asText()).isEqualTo("assistant-large");
        assertThat(chat.path("input").path("text").asText()).isEqualTo("what is dna");
        assertThat(chat.path("params").path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(chat.path("output").path("tokens").asInt()).isPositive();
        assertThat(chat.path("status").asInt()).isEqualTo(200);
        JsonNode refused = byId(mine, "log-att-1");
        assertThat(refused.path("status").asInt()).isEqualTo(429);
        assertThat(refused.path("input").path("features")).hasSize(3);
        assertThat(refused.path("source_ip").asText()).isEqualTo("2001:db8::7");
        assertThat(refused.has("output")).isFalse();
        JsonNode noTenant = byId(mine, "log-user-2");
        assertThat(noTenant.has("tenant")).isFalse();
        assertThat(noTenant.has("source_ip")).as("not an IP literal: left out").isFalse();

        g.close();
        assertThat(Files.readAllLines(dir.resolve("requests-0.jsonl"))).hasSize(3);
        assertThat(g.stats().unidentified.get()).isEqualTo(1);
    }

    @Test
    void theCheckEndpointGivesOtherGatewaysTheSameDecisionsWithoutProxying() throws Exception {
        ReferenceGateway g = gateway();
        GatewayClient http = new GatewayClient(g.uri());
        commands.commit(
                commands.command(
                        "umbrella",
                        "chk-throttled",
                        Action.THROTTLE,
                        new ThrottleLimit(2, 60),
                        T0,
                        T0 + 900_000,
                        1),
                commands.command(
                        "umbrella", "chk-degraded", Action.DEGRADE, null, T0, T0 + 900_000, 1),
                commands.command(
                        "umbrella", "chk-blocked", Action.BLOCK, null, T0, T0 + 45_000, 1));
        awaitVersion(g, "umbrella:chk-blocked", 1);
        long loggedBefore = g.stats().logged.get();

        String envoyPath = "/_gateway/check/v1/chat/completions"; // ext_authz path_prefix + path
        Answer free = http.check(envoyPath, "chk-free", "umbrella");
        assertThat(free.status()).isEqualTo(200);
        assertThat(free.action()).isEqualTo("SERVE");
        assertThat(http.check(envoyPath, "chk-degraded", "umbrella").action()).isEqualTo("DEGRADE");
        assertThat(http.check(envoyPath, "chk-throttled", "umbrella").status()).isEqualTo(200);
        assertThat(http.check(envoyPath, "chk-throttled", "umbrella").status()).isEqualTo(200);
        Answer limited = http.check(envoyPath, "chk-throttled", "umbrella");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.action()).isEqualTo("THROTTLE");
        assertThat(limited.retryAfter()).isEqualTo("30");
        Answer blocked = http.check("/_gateway/check?deny_status=403", "chk-blocked", "umbrella");
        assertThat(blocked.status()).as("NGINX auth_request passes only 401/403").isEqualTo(403);
        assertThat(blocked.action()).isEqualTo("BLOCK");
        assertThat(blocked.retryAfter()).isEqualTo("45");
        assertThat(http.check("/_gateway/check", null, null).status()).isEqualTo(401);
        assertThat(g.stats().logged.get()).as("checks are not logged").isEqualTo(loggedBefore);
    }

    private static boolean isLogOf(ConsumerRecord<String, byte[]> r, String prefix) {
        return TestLogs.json(r.value()).path("request_id").asText().startsWith(prefix);
    }

    private static JsonNode byId(List<ConsumerRecord<String, byte[]>> records, String id) {
        return records.stream()
                .map(r -> TestLogs.json(r.value()))
                .filter(n -> n.path("request_id").asText().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static JsonNode logRecord(Path file, String requestId) throws Exception {
        return TestLogs.read(file).stream()
                .filter(n -> n.path("request_id").asText().equals(requestId))
                .findFirst()
                .orElseThrow();
    }

    private static void awaitVersion(ReferenceGateway g, String key, int version)
            throws InterruptedException {
        await(() -> g.enforcement().held(key).map(c -> c.version() == version).orElse(false));
    }

    /** Waits for the subscriber to apply what was written (fails after 30 s). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for the gateway").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
