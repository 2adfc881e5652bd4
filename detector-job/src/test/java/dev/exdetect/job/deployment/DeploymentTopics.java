package dev.exdetect.job.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The detector's topics (default names) on the test broker, as the failover test uses them. */
final class DeploymentTopics {
    static final String REQUESTS = "api-requests";
    static final String ALERTS = "extraction-alerts";
    static final String THROTTLES = "throttle-commands";
    static final String GROUP = "exdetect";
    static final int REQUEST_PARTITIONS = 2;

    /** How a tombstone (null value) appears in {@link FailoverAndRescaleIT.Output}. */
    static final String TOMBSTONE = "<tombstone>";

    private final String bootstrap;

    DeploymentTopics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /**
     * Creates every topic of the job: requests with two partitions, the others with one; the
     * throttle and rules topics compacted. Nothing expires by time: the test's event times (which
     * the job writes as record timestamps) are weeks old, and time-based retention would delete
     * them while the test reads.
     */
    void create() throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (String t :
                List.of(
                        REQUESTS,
                        ALERTS,
                        THROTTLES,
                        "rejected-requests",
                        "detector-rules",
                        "detector-rules-rejected",
                        "detector-control",
                        "detector-rules-export")) {
            NewTopic topic =
                    new NewTopic(t, t.equals(REQUESTS) ? REQUEST_PARTITIONS : 1, (short) 1);
            Map<String, String> configs = new LinkedHashMap<>();
            configs.put("retention.ms", "-1");
            if (t.equals(THROTTLES) || t.equals("detector-rules")) {
                configs.put("cleanup.policy", "compact");
            }
            topics.add(topic.configs(configs));
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * Sends request records keyed by client (so a client's records stay in order on one partition),
     * or to the partition a record names in its {@code partition} field.
     */
    void produce(List<ObjectNode> records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (ObjectNode r : records) {
                Integer partition = r.has("partition") ? r.path("partition").asInt() : null;
                producer.send(
                        new ProducerRecord<>(
                                REQUESTS, partition, r.path("client_id").asText(), Json.bytes(r)));
            }
            producer.flush();
        }
    }

    /**
     * Waits until the job has consumed the whole requests topic: its committed offsets (committed
     * at checkpoints, so everything before them is through every operator) reach the end.
     */
    void awaitConsumed(Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int i = 0; i < REQUEST_PARTITIONS; i++) {
                latest.put(new TopicPartition(REQUESTS, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end =
                    admin.listOffsets(latest).all().get().entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey, e -> e.getValue().offset()));
            FlinkProcesses.await(
                    "the job to consume " + end,
                    timeout,
                    () -> {
                        Map<TopicPartition, OffsetAndMetadata> committed =
                                admin.listConsumerGroupOffsets(GROUP)
                                        .partitionsToOffsetAndMetadata()
                                        .get();
                        for (var e : end.entrySet()) {
                            OffsetAndMetadata c = committed.get(e.getKey());
                            if (c == null || c.offset() < e.getValue()) {
                                return false;
                            }
                        }
                        return true;
                    });
        }
    }

    /**
     * Everything on the alert and throttle topics, read from the beginning to the current end, with
     * {@code read_committed} (as consumers of the detector read) or {@code read_uncommitted} (to
     * see transactions still open).
     */
    List<FailoverAndRescaleIT.Output> readAll(boolean committed) {
        List<FailoverAndRescaleIT.Output> outputs = new ArrayList<>();
        for (String topic : List.of(ALERTS, THROTTLES)) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    committed ? "read_committed" : "read_uncommitted");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long end = consumer.endOffsets(List.of(tp)).get(tp);
                while (consumer.position(tp) < end) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        outputs.add(
                                new FailoverAndRescaleIT.Output(
                                        topic,
                                        r.key(),
                                        r.timestamp(),
                                        r.value() == null
                                                ? TOMBSTONE
                                                : Json.MAPPER
                                                        .readTree(
                                                                new String(
                                                                        r.value(),
                                                                        StandardCharsets.UTF_8))
                                                        .toString()));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return outputs;
    }
}
