package dev.exdetect.job.request;

/**
 * A request-log record that passed validation (CONTRACT.md section 1), with the fields the detector
 * uses. Optional fields are null (numbers: -1) when absent. A Flink POJO.
 */
public class RequestRecord {
    public String requestId;
    public long timestampMillis;
    public String clientId;

    /** Null when the record names no tenant. */
    public String tenant;

    /** {@code input.text}, cut to the configured maximum; null when the input has no text. */
    public String text;

    /** True when {@link #text} was cut because the original was longer than the maximum. */
    public boolean textTruncated;

    /** Length in chars of the original {@code input.text}, before any cut. */
    public int textLength;

    /** {@code input.features}; null when the input has no vector. */
    public double[] vector;

    public String sourceIp;
    public String userAgent;
    public String model;
    public String endpoint;

    /** The request parameters in canonical JSON (sorted keys), or null when absent. */
    public String paramsJson;

    /** {@code output.label}, or null. */
    public String outputLabel;

    /** {@code output.confidence}, or NaN. */
    public double outputConfidence = Double.NaN;

    /** {@code output.probabilities}, or null. */
    public double[] outputProbabilities;

    /** {@code output.logprobs}: were log-probabilities returned. */
    public boolean outputLogprobs;

    /** HTTP status, or -1. */
    public int status = -1;

    /** Latency in ms, or -1. */
    public int latencyMs = -1;

    /** Where the record was read. */
    public String origin;

    /** For Flink's POJO serializer. */
    public RequestRecord() {}

    /** The key requests are grouped by, and the throttle topic's key: {@code tenant:client_id}. */
    public String clientKey() {
        return ClientKeys.of(tenant, clientId);
    }
}
