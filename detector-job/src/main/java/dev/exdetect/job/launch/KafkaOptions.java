package dev.exdetect.job.launch;

import picocli.CommandLine.Option;

/** Kafka connection and topic names, shared by {@code run} and {@code demo}. */
public class KafkaOptions {
    @Option(
            names = "--requests-topic",
            paramLabel = "TOPIC",
            description = "Request logs to read (default: ${DEFAULT-VALUE}).",
            defaultValue = "api-requests")
    public String requestsTopic;

    @Option(
            names = "--alerts-topic",
            paramLabel = "TOPIC",
            description = "Extraction-risk alerts, keyed by client (default: ${DEFAULT-VALUE}).",
            defaultValue = "extraction-alerts")
    public String alertsTopic;

    @Option(
            names = "--throttle-topic",
            paramLabel = "TOPIC",
            description =
                    "Throttle commands, keyed by client, compacted; tombstones lift (default: ${DEFAULT-VALUE}).",
            defaultValue = "throttle-commands")
    public String throttleTopic;

    @Option(
            names = "--rejected-topic",
            paramLabel = "TOPIC",
            description = "Dead-letter records for refused requests (default: ${DEFAULT-VALUE}).",
            defaultValue = "rejected-requests")
    public String rejectedTopic;

    @Option(
            names = "--rules-topic",
            paramLabel = "TOPIC",
            description =
                    "Rule updates, keyed by rule id, compacted; read from the beginning (default: ${DEFAULT-VALUE}).",
            defaultValue = "detector-rules")
    public String rulesTopic;

    @Option(
            names = "--rejected-rules-topic",
            paramLabel = "TOPIC",
            description = "Refused rule updates with line and reason (default: ${DEFAULT-VALUE}).",
            defaultValue = "detector-rules-rejected")
    public String rejectedRulesTopic;

    @Option(
            names = "--control-topic",
            paramLabel = "TOPIC",
            description =
                    "Control commands such as {\"command\":\"export\"} (default: ${DEFAULT-VALUE}).",
            defaultValue = "detector-control")
    public String controlTopic;

    @Option(
            names = "--rules-export-topic",
            paramLabel = "TOPIC",
            description =
                    "Where export commands write the rules in force (default: ${DEFAULT-VALUE}).",
            defaultValue = "detector-rules-export")
    public String rulesExportTopic;

    @Option(
            names = "--group-id",
            paramLabel = "ID",
            description = "Kafka consumer group of the job (default: ${DEFAULT-VALUE}).",
            defaultValue = "exdetect")
    public String groupId;

    /** All topics the detector uses, for creating them. */
    public java.util.List<String> allTopics() {
        return java.util.List.of(
                requestsTopic,
                alertsTopic,
                throttleTopic,
                rejectedTopic,
                rulesTopic,
                rejectedRulesTopic,
                controlTopic,
                rulesExportTopic);
    }
}
