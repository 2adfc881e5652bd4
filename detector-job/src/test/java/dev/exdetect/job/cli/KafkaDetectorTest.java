package dev.exdetect.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.demo.EmbeddedKafka;
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
