package dev.exdetect.features.family;

import dev.exdetect.features.sketch.IntRing;
import dev.exdetect.features.window.RecentFlags;

/**
 * What {@link ResponseFeatures} remembers about a client's parameters and answers: about 0.6 KiB. A
 * Flink POJO.
 */
public class ResponseState {
    /** Parameter fingerprints of the last 64 requests (0: none). */
    public IntRing paramsFingerprints;

    public RecentFlags logprobs;
    public RecentFlags logitBias;

    /** Largest max_tokens asked for; -1 when never given. */
    public int maxTokensMax;

    /** Label hashes of the last 64 labelled answers. */
    public IntRing labels;

    public RecentFlags uncertain;
    public RecentFlags probabilities;

    /** For Flink's POJO serializer. */
    public ResponseState() {}
}
