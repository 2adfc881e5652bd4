package dev.exdetect.job.io;

import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka sources and sinks of the detector, configured the one way the job uses them. */
public final class KafkaIo {
    /**
     * Transaction timeout of the exactly-once sinks: above the checkpoint interval, below the
     * broker's {@code transaction.max.timeout.ms} (15 min by default; Flink's default of 1 h is
     * refused by a default broker).
     */
    public static final String TRANSACTION_TIMEOUT_MS = "600000";

    private KafkaIo() {}

    /**
     * Raw records from {@code topic}, starting at {@code start}; unbounded unless {@code stop} is
     * given.
     */
    public static KafkaSource<RawRecord> source(
            String bootstrapServers,
            String topic,
            String groupId,
            OffsetsInitializer start,
            OffsetsInitializer stop,
            Properties extra) {
        var builder =
                KafkaSource.<RawRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(start)
                        .setDeserializer(new RawRecordDeserializer())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "60000")
                        .setProperties(extra);
        if (stop != null) {
            builder.setBounded(stop);
        }
        return builder.build();
    }

    /**
     * A sink to {@code topic}: record key and value as given, null value for tombstones, event time
     * as the record timestamp (when there is one).
     */
    public static KafkaSink<OutputRecord> sink(
            String bootstrapServers,
            String topic,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix,
            Properties extra) {
        var builder =
                KafkaSink.<OutputRecord>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setRecordSerializer(new OutputRecordSerializer(topic))
                        .setDeliveryGuarantee(guarantee)
                        .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                        .setKafkaProducerConfig(extra);
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(transactionalIdPrefix);
        }
        return builder.build();
    }

    /** Keeps the value bytes, the key, and {@code topic/partition@offset} as origin. */
    static final class RawRecordDeserializer
            implements KafkaRecordDeserializationSchema<RawRecord> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
            RawRecord r =
                    new RawRecord(
                            record.value(),
                            record.topic() + "/" + record.partition() + "@" + record.offset());
            r.key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            out.collect(r);
        }

        @Override
        public TypeInformation<RawRecord> getProducedType() {
            return TypeInformation.of(RawRecord.class);
        }
    }

    /** Writes an {@link OutputRecord} as a Kafka record. */
    static final class OutputRecordSerializer
            implements KafkaRecordSerializationSchema<OutputRecord> {
        private final String topic;

        OutputRecordSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                OutputRecord r, KafkaSinkContext ctx, Long timestamp) {
            byte[] key = r.key == null ? null : r.key.getBytes(StandardCharsets.UTF_8);
            Long ts = r.timestamp == Long.MIN_VALUE ? null : r.timestamp;
            return new ProducerRecord<>(topic, null, ts, key, r.value);
        }
    }
}
