package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.gateway.GatewayConfig;
import dev.exdetect.gateway.ReferenceGateway;
import dev.exdetect.gateway.StandInModel;
import dev.exdetect.gateway.ThrottleCommand;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.launch.KafkaDetector;
import dev.exdetect.job.launch.KafkaOptions;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.testing.GatewayClient;
import dev.exdetect.job.testing.GatewayClient.Answer;
import dev.exdetect.job.testing.ManualClock;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.TrafficSimulator;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.profile.ClientProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The loop closed, every part real: the traffic simulator's clients send real HTTP requests through
 * the reference gateway to the stand-in model; the gateway logs them to the requests topic; the
 * detector (the Flink job as {@code run} wires it, on a mini-cluster) reads them and writes
 * throttle commands, transactionally, to the compacted topic; the gateway reads those and enforces
 * them. The attackers' served answers are counted before and after enforcement.
 *
 * <p>Time: the gateway runs on a manual clock set to each simulated request's time, and the driver
 * sends the simulation's requests in event-time order as fast as the gateway answers them. Every
 * {@link #CATCH_UP_EVERY_MS} of simulated time it waits until the detector and the gateway have
 * caught up ({@link DetectorCatchUp}: every request logged and read by the detector before a
 * completed checkpoint, every command it committed held by the gateway), so the traffic never runs
 * more than about two such steps ahead of the commands, far less than their 30 min lifetime,
 * whatever the machine's speed. Nothing asserted depends on wall-clock time: the token-bucket bound
 * is computed in simulated time, and the waits are bounded only to fail rather than hang.
 */
class GatewayLoopTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    /** Simulated time between waits for the detector and the gateway to catch up. */
    private static final long CATCH_UP_EVERY_MS = 60_000;

    /** The most simulated time the test drives: both attackers must be enforced within it. */
    private static final long SIMULATED_LIMIT_MS = 30 * 60_000;

    /**
     * How long one catch-up may take before the test fails (the first includes the job's start).
     */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(120);

    /** How long each attacker is observed after its command takes effect (simulated). */
    private static final long OBSERVE_AFTER_MS = 120_000;

    private static final String PROBER = "contoso:prober-1";
    private static final String HARVESTER = "contoso:harvester-1";

    /** What one client got, before and after a command for it was held by the gateway. */
    static final class Tally {
        int freeFull;
        int freeOther;
        int enforcedFull;
        int enforcedDegraded;
        int enforcedRefused;
        int enforcedOther;
        int unclassified;
        long firstEnforced = -1;
        long lastEnforced = -1;

        @Override
        public String toString() {
            return String.format(
                    "before enforcement: %d served in full (%d other); after: %d served in full,"
                            + " %d degraded, %d refused with 429 (%d other) over %d s; %d during"
                            + " the switch",
                    freeFull,
                    freeOther,
                    enforcedFull,
                    enforcedDegraded,
                    enforcedRefused,
                    enforcedOther,
                    firstEnforced < 0 ? 0 : (lastEnforced - firstEnforced) / 1000,
                    unclassified);
        }
    }

    @Test
    void theDetectorsCommandsReachTheGatewayAndSlowTheAttackersButNoBenignClient()
            throws Exception {
        KafkaOptions topics = new KafkaOptions();
        new CommandLine(topics).parseArgs();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                StandInModel model = StandInModel.start("127.0.0.1", 0)) {
            Map<String, Integer> partitions = new LinkedHashMap<>();
            topics.allTopics().forEach(t -> partitions.put(t, 1));
            partitions.put(topics.requestsTopic, 2);
            kafka.createTopics(partitions, List.of(topics.throttleTopic, topics.rulesTopic));

            ManualClock clock = new ManualClock(TestLogs.START);
            GatewayConfig config =
                    GatewayConfig.builder(model.uri(), kafka.bootstrapServers())
                            .listen("127.0.0.1", 0)
                            .topics(topics.throttleTopic, topics.requestsTopic)
                            .trustForwardedFor(true)
                            .build();
            JobClient job = startDetector(kafka.bootstrapServers(), topics);
            try (ReferenceGateway gateway = ReferenceGateway.start(config, clock);
                    DetectorCatchUp detector =
                            new DetectorCatchUp(
                                    kafka.bootstrapServers(),
                                    topics,
                                    gateway,
                                    clock,
                                    CATCH_UP_TIMEOUT)) {
                Map<String, Tally> tallies = drive(simulation(), gateway, clock, model, detector);
                report(tallies, gateway);
                assertEnforcement(tallies, gateway);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static JobClient startDetector(String bootstrap, KafkaOptions topics) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        KafkaDetector.build(
                env,
                bootstrap,
                topics,
                DetectionOptions.bundledRules(),
                DetectorConfig.defaults(),
                new Properties());
        return env.executeAsync("gateway loop test");
    }

    /**
     * The demo population (five benign users here, the near-duplicate prober, the distillation
     * harvester), with a harvester that also asks for log-probabilities: soft labels are what
     * distillation wants most. The default rules throttle both attackers (DEGRADE's stripping at
     * the gateway is tested in ReferenceGatewayTest).
     */
    private static TrafficSimulator simulation() {
        List<SimClient> clients = new ArrayList<>();
        for (SimClient c : TrafficSimulator.demo(7, TestLogs.START, 5).clients()) {
            clients.add(
                    c.clientId().equals("harvester-1")
                            ? new SimClient(
                                    c.clientId(),
                                    c.tenant(),
                                    c.sourceIp(),
                                    askingForLogprobs(c.profile()))
                            : c);
        }
        return new TrafficSimulator(7, TestLogs.START, clients);
    }

    private static ClientProfile askingForLogprobs(ClientProfile profile) {
        return new ClientProfile() {
            @Override
            public String role() {
                return profile.role();
            }

            @Override
            public String family() {
                return profile.family() + "-logprobs";
            }

            @Override
            public long nextDelayMillis(Random random) {
                return profile.nextDelayMillis(random);
            }

            @Override
            public void fill(ObjectNode request, Random random) {
                profile.fill(request, random);
                ((ObjectNode) request.path("params")).put("logprobs", true).put("top_logprobs", 5);
            }
        };
    }

    /**
     * Sends the simulation's requests through the gateway in simulated-time order until both
     * attackers have been under enforcement for {@link #OBSERVE_AFTER_MS}, or for at most {@link
     * #SIMULATED_LIMIT_MS} of simulated time, catching up every {@link #CATCH_UP_EVERY_MS} and at
     * the end (so the gateway then holds every command for the traffic sent).
     */
    private static Map<String, Tally> drive(
            TrafficSimulator sim,
            ReferenceGateway gateway,
            ManualClock clock,
            StandInModel model,
            DetectorCatchUp detector)
            throws Exception {
        GatewayClient http = new GatewayClient(gateway.uri());
        GatewayClient direct = new GatewayClient(model.uri());
        Map<String, Tally> tallies = new LinkedHashMap<>();
        long sent = 0;
        long nextCatchUp = TestLogs.START + CATCH_UP_EVERY_MS;
        while (sim.peekTimestamp() < TestLogs.START + SIMULATED_LIMIT_MS
                && !observedEnough(tallies)) {
            if (sim.peekTimestamp() >= nextCatchUp) {
                detector.await(sent);
                nextCatchUp += CATCH_UP_EVERY_MS;
            }
            ObjectNode r = sim.next();
            long t = r.path("timestamp").asLong();
            clock.set(t);
            String key = r.path("tenant").asText() + ":" + r.path("client_id").asText();
            String body = chatBody(r);
            Optional<ThrottleCommand> before = active(gateway, key, t);
            Answer a =
                    http.post(
                            r.path("endpoint").asText(),
                            r.path("client_id").asText(),
                            r.path("tenant").asText(),
                            r.path("request_id").asText(),
                            r.path("source_ip").asText(),
                            body);
            sent++;
            Optional<ThrottleCommand> after = active(gateway, key, t);
            Tally tally = tallies.computeIfAbsent(key, k -> new Tally());
            if (!before.equals(after)) {
                tally.unclassified++; // the command arrived while this request was in flight
                continue;
            }
            boolean full =
                    a.status() == 200
                            && (!askedLogprobs(r) || hasLogprobs(a.body()))
                            && (!r.path("client_id").asText().startsWith("user-")
                                    || a.body()
                                            .equals(
                                                    direct.post(
                                                                    r.path("endpoint").asText(),
                                                                    "direct",
                                                                    null,
                                                                    null,
                                                                    null,
                                                                    body)
                                                            .body()));
            if (before.isEmpty()) {
                if (full) {
                    tally.freeFull++;
                } else {
                    tally.freeOther++;
                }
                continue;
            }
            tally.firstEnforced = tally.firstEnforced < 0 ? t : tally.firstEnforced;
            tally.lastEnforced = t;
            if (a.status() == 429) {
                tally.enforcedRefused++;
            } else if (full) {
                tally.enforcedFull++;
            } else if (a.status() == 200 && !hasLogprobs(a.body())) {
                tally.enforcedDegraded++;
            } else {
                tally.enforcedOther++;
            }
        }
        detector.await(sent);
        System.out.printf(
                "gateway loop: %d requests over %.1f min of simulated time%n",
                sent, (clock.millis() - TestLogs.START) / 60_000.0);
        return tallies;
    }

    private static boolean observedEnough(Map<String, Tally> tallies) {
        for (String attacker : List.of(PROBER, HARVESTER)) {
            Tally t = tallies.get(attacker);
            if (t == null
                    || t.firstEnforced < 0
                    || t.lastEnforced - t.firstEnforced < OBSERVE_AFTER_MS) {
                return false;
            }
        }
        return true;
    }

    private static Optional<ThrottleCommand> active(ReferenceGateway g, String key, long t) {
        return g.enforcement().held(key).filter(c -> c.activeAt(t));
    }

    /** The simulated request as a chat-completion body: the prompt plus its parameters. */
    private static String chatBody(ObjectNode r) {
        ObjectNode body = Json.object();
        body.put("model", r.path("model").asText());
        body.putArray("messages")
                .addObject()
                .put("role", "user")
                .put("content", r.path("input").path("text").asText());
        body.setAll((ObjectNode) r.path("params"));
        return body.toString();
    }

    private static boolean askedLogprobs(ObjectNode r) {
        return r.path("params").path("logprobs").asBoolean(false);
    }

    private static boolean hasLogprobs(JsonNode answer) {
        for (JsonNode choice : answer.path("choices")) {
            if (choice.path("logprobs").isObject()) {
                return true;
            }
        }
        return false;
    }

    private static void report(Map<String, Tally> tallies, ReferenceGateway gateway) {
        System.out.println("gateway loop: " + gateway.statusLine());
        tallies.forEach((key, t) -> System.out.println("  " + key + ": " + t));
    }

    private static void assertEnforcement(Map<String, Tally> tallies, ReferenceGateway gateway) {
        assertThat(observedEnough(tallies))
                .as(
                        "both attackers were enforced for 120 s of traffic within %d min: %s",
                        SIMULATED_LIMIT_MS / 60_000, tallies)
                .isTrue();

        assertThrottledByTokenBucket(tallies.get(PROBER), gateway, PROBER);
        assertThrottledByTokenBucket(tallies.get(HARVESTER), gateway, HARVESTER);

        tallies.forEach(
                (key, t) -> {
                    if (key.startsWith("acme:user-")) {
                        assertThat(t.freeFull).as(key + ": " + t).isPositive();
                        assertThat(t.freeOther).as("%s always served in full: %s", key, t).isZero();
                        assertThat(t.firstEnforced)
                                .as("%s never under a command", key)
                                .isEqualTo(-1);
                        assertThat(t.unclassified).isZero();
                        assertThat(gateway.enforcement().held(key)).isEmpty();
                    }
                });
    }

    /**
     * Served in full until the command, then refused beyond the command's token bucket and never
     * served anything but full answers or refusals.
     */
    private static void assertThrottledByTokenBucket(
            Tally tally, ReferenceGateway gateway, String key) {
        ThrottleCommand throttle = gateway.enforcement().held(key).orElseThrow();
        assertThat(throttle.action()).as(key).isEqualTo(ThrottleCommand.Action.THROTTLE);
        assertThat(tally.freeFull).as("served in full until the command").isPositive();
        assertThat(tally.freeOther).as(tally.toString()).isZero();
        assertThat(tally.enforcedRefused).as(tally.toString()).isPositive();
        assertThat(tally.enforcedDegraded + tally.enforcedOther).as(tally.toString()).isZero();
        long span = tally.lastEnforced - tally.firstEnforced;
        long bucketBound =
                throttle.limitRequests()
                        + (long)
                                Math.ceil(
                                        throttle.limitRequests()
                                                * span
                                                / (throttle.limitPerSeconds() * 1000.0));
        assertThat(tally.enforcedFull)
                .as(
                        "%s: at most the token bucket's %d over %d ms: %s",
                        key, bucketBound, span, tally)
                .isLessThanOrEqualTo((int) bucketBound);
    }
}
