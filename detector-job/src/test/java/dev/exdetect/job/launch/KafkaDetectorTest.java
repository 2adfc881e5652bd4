package dev.exdetect.job.launch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.testing.KafkaTestSupport;
import dev.exdetect.job.testing.TestLogs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * The detector as {@code run} wires it, against a real Kafka broker (in-JVM KRaft): records
 * produced to the requests topic come back as alerts and throttle commands on their topics, read
 * with {@code read_committed} as a gateway would.
 */
class KafkaDetectorTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(4)
                            .build());

    private static EmbeddedKafka kafka;
    private static final KafkaOptions TOPICS = new KafkaOptions();

    @BeforeAll
    static void startKafka() throws Exception {
        new CommandLine(TOPICS).parseArgs(); // the documented default topic names
        kafka = EmbeddedKafka.start();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        TOPICS.allTopics().forEach(t -> partitions.put(t, 1));
        partitions.put(TOPICS.requestsTopic, 2);
        kafka.createTopics(partitions, List.of(TOPICS.throttleTopic, TOPICS.rulesTopic));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void requestsOnTheTopicComeBackAsAlertsAndThrottleCommands() throws Exception {
        String bootstrap = kafka.bootstrapServers();
        KafkaTestSupport.produceRequests(bootstrap, TOPICS.requestsTopic, TestLogs.simulated(6, 5));
        KafkaTestSupport.produce(
                bootstrap,
                TOPICS.requestsTopic,
                List.of("broken"),
                List.of(
                        "{\"request_id\":\"x\",\"timestamp\":\"yesterday\"}"
                                .getBytes(StandardCharsets.UTF_8)));

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        KafkaDetector.build(
                env,
                bootstrap,
                TOPICS,
                DetectionOptions.bundledRules(),
                DetectorConfig.defaults(),
                new Properties());
        JobClient job = env.executeAsync("kafka test");
        try {
            Duration timeout = Duration.ofSeconds(120);
            List<ConsumerRecord<String, byte[]>> alerts =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            TOPICS.alertsTopic,
                            timeout,
                            read -> clients(read).containsAll(TestLogs.ATTACKERS));
            List<ConsumerRecord<String, byte[]>> commands =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            TOPICS.throttleTopic,
                            timeout,
                            read -> clients(read).containsAll(TestLogs.ATTACKERS));
            List<ConsumerRecord<String, byte[]>> rejected =
                    KafkaTestSupport.readUntil(
                            bootstrap, TOPICS.rejectedTopic, timeout, read -> !read.isEmpty());

            assertThat(clients(alerts)).containsExactlyInAnyOrderElementsOf(TestLogs.ATTACKERS);
            assertThat(alerts)
                    .allSatisfy(
                            r ->
                                    assertThat(r.key())
                                            .isEqualTo(
                                                    "contoso:"
                                                            + TestLogs.json(r.value())
                                                                    .path("client_id")
                                                                    .asText()));
            assertThat(clients(commands)).containsExactlyInAnyOrderElementsOf(TestLogs.ATTACKERS);
            for (ConsumerRecord<String, byte[]> c : commands) {
                JsonNode command = TestLogs.json(c.value());
                assertThat(c.key())
                        .as("keyed by tenant:client")
                        .isEqualTo("contoso:" + command.path("client_id").asText());
                assertThat(command.path("expires_at").asLong())
                        .isGreaterThan(command.path("issued_at").asLong());
                assertThat(c.timestamp())
                        .as("event time as record time")
                        .isEqualTo(command.path("issued_at").asLong());
            }
            assertThat(rejected)
                    .singleElement()
                    .satisfies(
                            r -> {
                                JsonNode rej = TestLogs.json(r.value());
                                assertThat(rej.path("field").asText()).isEqualTo("timestamp");
                                assertThat(rej.path("origin").asText())
                                        .startsWith(TOPICS.requestsTopic + "/");
                            });
        } finally {
            job.cancel().get();
        }
    }

    /** Topics of their own, so tests do not read each other's outputs. */
    private static KafkaOptions topics(String prefix) throws Exception {
        KafkaOptions t = new KafkaOptions();
        new CommandLine(t).parseArgs();
        t.requestsTopic = prefix + t.requestsTopic;
        t.alertsTopic = prefix + t.alertsTopic;
        t.throttleTopic = prefix + t.throttleTopic;
        t.rejectedTopic = prefix + t.rejectedTopic;
        t.rulesTopic = prefix + t.rulesTopic;
        t.rejectedRulesTopic = prefix + t.rejectedRulesTopic;
        t.controlTopic = prefix + t.controlTopic;
        t.rulesExportTopic = prefix + t.rulesExportTopic;
        t.groupId = prefix + t.groupId;
        Map<String, Integer> partitions = new LinkedHashMap<>();
        t.allTopics().forEach(name -> partitions.put(name, 1));
        kafka.createTopics(partitions, List.of(t.throttleTopic, t.rulesTopic));
        return t;
    }

    /** One request per second from {@code client} over {@code [from, to)}. */
    private static List<com.fasterxml.jackson.databind.node.ObjectNode> steady(
            String client, long from, long to) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> records = new java.util.ArrayList<>();
        for (long t = from; t < to; t += 1000) {
            var r = dev.exdetect.job.output.Json.object();
            r.put("request_id", client + "-" + t);
            r.put("timestamp", t);
            r.put("client_id", client);
            r.putObject("input").put("text", "question " + t + " about topic " + (t % 97));
            records.add(r);
        }
        return records;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRuleUpdateOnTheRulesTopicChangesTheOutcomeForTheSameTrafficWithoutARestart()
            throws Exception {
        KafkaOptions t = topics("reload-");
        String bootstrap = kafka.bootstrapServers();
        long t0 = TestLogs.START;
        // Version 1 needs 100 requests a minute: a client sending 1 a second never fires it.
        String v1 =
                """
                id: steady
                version: 1
                description: steady traffic
                when: requests_last_minute >= 100
                score: 0.6
                """;
        KafkaTestSupport.produce(bootstrap, t.rulesTopic, List.of("steady"), List.of(utf8(v1)));

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        var noRules =
                new dev.exdetect.rules.model.RulePack(
                        "none",
                        dev.exdetect.rules.model.RuleSettings.defaults(),
                        List.of(),
                        dev.exdetect.rules.model.Overrides.none());
        KafkaDetector.build(
                env, bootstrap, t, noRules, DetectorConfig.defaults(), new Properties());
        JobClient job = env.executeAsync("rule reload test");
        try {
            // The first minute of traffic is judged by version 1: no alert. A marker rule that
            // fires
            // on the first minute's last request shows when the job has processed that far.
            KafkaTestSupport.produce(
                    bootstrap,
                    t.rulesTopic,
                    List.of("marker"),
                    List.of(
                            utf8(
                                    """
                    id: marker
                    version: 1
                    description: end of the first minute
                    when: requests_total >= 60
                    score: 0.1
                    """)));
            KafkaTestSupport.produceRequests(
                    bootstrap, t.requestsTopic, steady("first", t0, t0 + 60_000));
            KafkaTestSupport.produceRequests(
                    bootstrap, t.requestsTopic, steady("clock", t0 + 70_000, t0 + 71_000));
            List<ConsumerRecord<String, byte[]>> firstAlerts =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            t.alertsTopic,
                            Duration.ofSeconds(90),
                            read -> !read.isEmpty());
            assertThat(firstAlerts)
                    .as(
                            firstAlerts.stream()
                                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                                    .toList()
                                    .toString())
                    .extracting(r -> TestLogs.json(r.value()).path("episode_rule_ids").toString())
                    .containsOnly("[\"marker\"]");

            // A bad update is refused with its line and reason; the rules in force stay.
            KafkaTestSupport.produce(
                    bootstrap,
                    t.rulesTopic,
                    List.of("steady"),
                    List.of(
                            utf8(
                                    v1.replace("version: 1", "version: 3")
                                            .replace(
                                                    "requests_last_minute",
                                                    "requests_per_minute"))));
            // Version 2, live, no restart: 30 requests a minute is enough.
            KafkaTestSupport.produce(
                    bootstrap,
                    t.rulesTopic,
                    List.of("steady"),
                    List.of(
                            utf8(
                                    v1.replace("version: 1", "version: 2")
                                            .replace(">= 100", ">= 30"))));
            List<ConsumerRecord<String, byte[]>> rejected =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            t.rejectedRulesTopic,
                            Duration.ofSeconds(60),
                            read -> !read.isEmpty());
            assertThat(rejected)
                    .singleElement()
                    .satisfies(
                            r -> {
                                JsonNode rej = TestLogs.json(r.value());
                                assertThat(rej.path("key").asText()).isEqualTo("steady");
                                assertThat(rej.path("line").asInt()).isEqualTo(4);
                                assertThat(rej.path("reason").asText())
                                        .contains("unknown feature 'requests_per_minute'");
                            });
            // Give the broadcast a moment to reach every parallel instance before the new traffic.
            KafkaTestSupport.readUntil(
                    bootstrap, t.rejectedRulesTopic, Duration.ofSeconds(2), read -> false);

            // The same traffic again, now judged by version 2.
            KafkaTestSupport.produceRequests(
                    bootstrap, t.requestsTopic, steady("second", t0 + 120_000, t0 + 180_000));
            KafkaTestSupport.produceRequests(
                    bootstrap, t.requestsTopic, steady("clock", t0 + 190_000, t0 + 191_000));
            List<ConsumerRecord<String, byte[]>> alerts =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            t.alertsTopic,
                            Duration.ofSeconds(90),
                            read -> clients(read).contains("second"));
            List<JsonNode> steadyAlerts =
                    alerts.stream()
                            .map(r -> TestLogs.json(r.value()))
                            .filter(a -> a.path("rules").findValuesAsText("id").contains("steady"))
                            .toList();
            assertThat(steadyAlerts)
                    .isNotEmpty()
                    .allSatisfy(
                            a -> {
                                assertThat(a.path("client_id").asText()).isEqualTo("second");
                                for (JsonNode rule : a.path("rules")) {
                                    if (rule.path("id").asText().equals("steady")) {
                                        assertThat(rule.path("version").asInt()).isEqualTo(2);
                                    }
                                }
                            });

            // An export command writes the rules in force.
            KafkaTestSupport.produce(
                    bootstrap,
                    t.controlTopic,
                    List.of("ops"),
                    List.of(utf8("{\"command\":\"export\"}")));
            List<ConsumerRecord<String, byte[]>> export =
                    KafkaTestSupport.readUntil(
                            bootstrap,
                            t.rulesExportTopic,
                            Duration.ofSeconds(60),
                            read -> !read.isEmpty());
            assertThat(export).isNotEmpty();
            assertThat(TestLogs.json(export.get(0).value()).path("rules").findValuesAsText("id"))
                    .contains("steady", "marker");
        } finally {
            job.cancel().get();
        }
    }

    private static Set<String> clients(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> clients = new TreeSet<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() != null) {
                clients.add(TestLogs.json(r.value()).path("client_id").asText());
            }
        }
        return clients;
    }
}
