package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producing to and reading from a real broker in tests. */
public final class KafkaTestSupport {
    private KafkaTestSupport() {}

    /** Sends each value under its key and waits until all are acknowledged. */
    public static void produce(
            String bootstrap, String topic, List<String> keys, List<byte[]> values)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
            }
            producer.flush();
        }
    }

    /** Sends JSON request records keyed by client. */
    public static void produceRequests(String bootstrap, String topic, List<ObjectNode> records)
            throws Exception {
        List<String> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (ObjectNode r : records) {
            keys.add(r.path("client_id").asText());
            values.add(Json.bytes(r));
        }
        produce(bootstrap, topic, keys, values);
    }

    /**
     * Reads {@code topic} from the beginning with {@code read_committed} until {@code done} holds
     * for what was read, or the timeout passes; returns what was read (null values are tombstones).
     */
    public static List<ConsumerRecord<String, byte[]>> readUntil(
            String bootstrap,
            String topic,
            Duration timeout,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(read)) {
                consumer.poll(Duration.ofMillis(250)).forEach(read::add);
            }
        }
        return read;
    }
}
