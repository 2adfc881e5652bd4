package dev.exdetect.job.launch;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.io.KafkaIo;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.rules.model.RulePack;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The detector on Kafka, as {@code run} and {@code demo} use it: requests from a topic (resuming
 * from the group's committed offsets, or the earliest), rules from a compacted topic read from the
 * beginning, control commands from the latest offset, and exactly-once sinks.
 */
public final class KafkaDetector {
    private KafkaDetector() {}

    public static void build(
            StreamExecutionEnvironment env,
            String bootstrapServers,
            KafkaOptions topics,
            RulePack rules,
            DetectorConfig config,
            Properties extraKafkaProperties) {
        var requests =
                KafkaIo.source(
                        bootstrapServers,
                        topics.requestsTopic,
                        topics.groupId,
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
                        null,
                        extraKafkaProperties);
        var ruleUpdates =
                KafkaIo.source(
                        bootstrapServers,
                        topics.rulesTopic,
                        topics.groupId + "-rules",
                        OffsetsInitializer.earliest(),
                        null,
                        extraKafkaProperties);
        var control =
                KafkaIo.source(
                        bootstrapServers,
                        topics.controlTopic,
                        topics.groupId + "-control",
                        OffsetsInitializer.latest(),
                        null,
                        extraKafkaProperties);
        DeliveryGuarantee eo = DeliveryGuarantee.EXACTLY_ONCE;
        DetectorPipeline.build(
                env,
                new DetectorPipeline.Inputs(
                        requests, rules, ruleUpdates, control, EventTimeRange.ALL),
                new DetectorPipeline.Outputs(
                        KafkaIo.sink(
                                bootstrapServers,
                                topics.alertsTopic,
                                eo,
                                topics.groupId + "-alerts",
                                extraKafkaProperties),
                        KafkaIo.sink(
                                bootstrapServers,
                                topics.throttleTopic,
                                eo,
                                topics.groupId + "-throttles",
                                extraKafkaProperties),
                        KafkaIo.sink(
                                bootstrapServers,
                                topics.rejectedTopic,
                                eo,
                                topics.groupId + "-rejected",
                                extraKafkaProperties),
                        KafkaIo.sink(
                                bootstrapServers,
                                topics.rejectedRulesTopic,
                                eo,
                                topics.groupId + "-rejected-rules",
                                extraKafkaProperties),
                        KafkaIo.sink(
                                bootstrapServers,
                                topics.rulesExportTopic,
                                eo,
                                topics.groupId + "-rules-export",
                                extraKafkaProperties),
                        false),
                config);
    }
}
