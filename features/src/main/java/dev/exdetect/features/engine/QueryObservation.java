package dev.exdetect.features.engine;

/**
 * What the feature engine needs to know about one request, computed once per request before the
 * per-client step (the costly text analysis happens there, in parallel, not under the client key).
 * A Flink POJO.
 */
public class QueryObservation {
    /** Event time of the request, epoch milliseconds. */
    public long timestampMillis;

    /** b-bit MinHash signature of the input text, or null when the request has no usable text. */
    public byte[] textSignature;

    /** For Flink's POJO serializer. */
    public QueryObservation() {}

    /** An observation at {@code timestampMillis} with an optional text signature. */
    public QueryObservation(long timestampMillis, byte[] textSignature) {
        this.timestampMillis = timestampMillis;
        this.textSignature = textSignature;
    }
}
