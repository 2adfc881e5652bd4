package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where the gateway writes its request log (CONTRACT.md section 1), so the detector can read it: a
 * Kafka topic keyed by client, a JSON-lines file, or both.
 */
interface RequestLog extends AutoCloseable {
    /**
     * Writes one record of the client under {@code clientKey}; failures are counted, not thrown.
     */
    void write(String clientKey, ObjectNode record);

    @Override
    void close();

    /** Writes nowhere (no topic and no file configured). */
    static RequestLog none() {
        return new RequestLog() {
            @Override
            public void write(String clientKey, ObjectNode record) {}

            @Override
            public void close() {}
        };
    }

    /** Writes to every log in {@code logs}. */
    static RequestLog all(List<RequestLog> logs) {
        return new RequestLog() {
            @Override
            public void write(String clientKey, ObjectNode record) {
                logs.forEach(l -> l.write(clientKey, record));
            }

            @Override
            public void close() {
                logs.forEach(RequestLog::close);
            }
        };
    }

    /** Produces records to a Kafka topic, keyed by client key (acks=all, idempotent). */
    final class ToKafka implements RequestLog {
        private final KafkaProducer<String, byte[]> producer;
        private final String topic;
        private final ObjectMapper mapper;
        private final GatewayStats stats;

        ToKafka(
                String bootstrapServers,
                Map<String, String> extra,
                String topic,
                ObjectMapper mapper,
                GatewayStats stats) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "exdetect-gateway-log");
            p.putAll(extra);
            this.producer =
                    new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
            this.topic = topic;
            this.mapper = mapper;
            this.stats = stats;
        }

        @Override
        public void write(String clientKey, ObjectNode record) {
            byte[] value;
            try {
                value = mapper.writeValueAsBytes(record);
            } catch (IOException e) {
                stats.logFailures.incrementAndGet();
                return;
            }
            producer.send(
                    new ProducerRecord<>(topic, clientKey, value),
                    (metadata, error) ->
                            (error == null ? stats.logged : stats.logFailures).incrementAndGet());
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** Appends records to a JSON-lines file, one per line, flushed per record. */
    final class ToFile implements RequestLog {
        private final BufferedWriter out;
        private final ObjectMapper mapper;
        private final GatewayStats stats;

        ToFile(Path file, ObjectMapper mapper, GatewayStats stats) {
            try {
                this.out =
                        Files.newBufferedWriter(
                                file,
                                StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open request log " + file, e);
            }
            this.mapper = mapper;
            this.stats = stats;
        }

        @Override
        public synchronized void write(String clientKey, ObjectNode record) {
            try {
                out.write(mapper.writeValueAsString(record));
                out.write('\n');
                out.flush();
                stats.logged.incrementAndGet();
            } catch (IOException e) {
                stats.logFailures.incrementAndGet();
            }
        }

        @Override
        public synchronized void close() {
            try {
                out.close();
            } catch (IOException e) {
                stats.logFailures.incrementAndGet();
            }
        }
    }
}
