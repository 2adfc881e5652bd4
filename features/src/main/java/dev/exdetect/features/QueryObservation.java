package dev.exdetect.features;

/**
 * What the feature engine needs to know about one request, computed once per request before the
 * per-client step (the costly text analysis happens there, in parallel, not under the client key).
 * Fields that do not apply are null, 0 or NaN as noted. A Flink POJO.
 */
public class QueryObservation {
    /** Event time of the request, epoch milliseconds. */
    public long timestampMillis;

    /** b-bit MinHash signature of the input text's word shingles; null without usable text. */
    public byte[] textSignature;

    /** b-bit MinHash signature of the input text's character shingles; null without text. */
    public byte[] charSignature;

    /**
     * 32-bit hashes of the text's first {@link
     * dev.exdetect.features.engine.QueryAnalyzer#MAX_OBSERVED_TOKENS} words, for the per-client
     * template prefix; null without text.
     */
    public int[] tokenHashes;

    /** Query-space cell (well mixed hash); 0 when the request has no input to place. */
    public long cell;

    /** Distance-preserving sketch of the input vector; null without a vector. */
    public float[] vectorSketch;

    /** Fingerprint of the request parameters; 0 when there were none. */
    public int paramsFingerprint;

    /** Requested {@code max_tokens}; -1 when absent. */
    public int maxTokens = -1;

    /** Log-probabilities were asked for or returned. */
    public boolean logprobs;

    /** A non-empty {@code logit_bias} was sent. */
    public boolean logitBias;

    /** Hash of the returned label (or of the top class index); 0 when unknown. */
    public int labelHash;

    /**
     * 1 when the answer was uncertain (low confidence or small top-two margin), 0 when it was
     * confident, -1 when the answer carried no score.
     */
    public int uncertain = -1;

    /** The answer carried a full probability vector. */
    public boolean probabilities;

    /** For Flink's POJO serializer. */
    public QueryObservation() {}

    /** An observation at {@code timestampMillis} with an optional word signature only. */
    public QueryObservation(long timestampMillis, byte[] textSignature) {
        this.timestampMillis = timestampMillis;
        this.textSignature = textSignature;
    }
}
