package dev.exdetect.job.testing;

import dev.exdetect.job.output.CommandJson;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ThrottleLimit;
import dev.exdetect.rules.response.Decision;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes throttle commands the way the detector's exactly-once sink does: rendered by {@link
 * CommandJson}, keyed by client, inside Kafka transactions (which tests may also abort).
 */
public final class ThrottleTopicWriter implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    /** A transactional writer to {@code topic}. */
    public ThrottleTopicWriter(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-throttles-" + System.nanoTime());
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        this.topic = topic;
    }

    /** A command for {@code clientId} of {@code tenant}, rendered as the detector renders it. */
    public ProducerRecord<String, byte[]> command(
            String tenant,
            String clientId,
            Action action,
            ThrottleLimit limit,
            long issuedAt,
            long expiresAt,
            int version) {
        String key = ClientKeys.of(tenant, clientId);
        Decision d =
                new Decision(
                        action,
                        limit,
                        issuedAt,
                        expiresAt,
                        version,
                        List.of("test-rule"),
                        Decision.CAUSE_RULE);
        byte[] json =
                Json.bytes(
                        CommandJson.command(
                                "cmd-" + key + "-" + version,
                                clientId,
                                tenant,
                                d,
                                clientId + "-trigger",
                                "alert-" + key,
                                0.75));
        return new ProducerRecord<>(topic, key, json);
    }

    /** A tombstone (lift) for the client. */
    public ProducerRecord<String, byte[]> lift(String tenant, String clientId) {
        return new ProducerRecord<>(topic, ClientKeys.of(tenant, clientId), null);
    }

    /** Writes the records in one committed transaction. */
    @SafeVarargs
    public final void commit(ProducerRecord<String, byte[]>... records) {
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> r : records) {
            producer.send(r);
        }
        producer.commitTransaction();
    }

    /** Writes the records in a transaction that is then aborted: consumers never see them. */
    @SafeVarargs
    public final void abort(ProducerRecord<String, byte[]>... records) {
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> r : records) {
            producer.send(r);
        }
        producer.flush();
        producer.abortTransaction();
    }

    @Override
    public void close() {
        producer.close();
    }
}
