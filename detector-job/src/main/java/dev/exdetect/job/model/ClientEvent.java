package dev.exdetect.job.model;

import dev.exdetect.features.QueryObservation;

/**
 * One accepted request, reduced to what the per-client step needs: who, when, the feature
 * observation (computed before keying, where it parallelises), and evidence for alerts (a digest,
 * and raw text only when configured); or, when {@link #verdict} is set, a cluster finding for the
 * client, delivered through the same keyed, time-ordered input. A Flink POJO.
 */
public class ClientEvent {
    public String requestId;
    public long timestampMillis;
    public String clientId;

    /** Null when the request named no tenant. */
    public String tenant;

    public String model;
    public QueryObservation observation;

    /** Hex SHA-256 of the input text (or of the vector's JSON), for evidence without content. */
    public String inputDigest;

    /** Length in chars of the original input text, 0 for vectors. */
    public int inputLength;

    /** True when the input text was cut at the size limit. */
    public boolean inputTruncated;

    /** The first chars of the input, only when raw text in evidence is enabled; else null. */
    public String inputSample;

    /** {@code source_ip}, or null. */
    public String sourceIp;

    /** {@code user_agent}, or null. */
    public String userAgent;

    /**
     * Not a request but the cluster step's finding for this client (then only the identity and time
     * fields are set); null for requests.
     */
    public ClusterVerdict verdict;

    /** For Flink's POJO serializer. */
    public ClientEvent() {}
}
