package dev.exdetect.features.family;

import dev.exdetect.features.minhash.RecentSignatures;
import dev.exdetect.features.sketch.FloatRing;
import dev.exdetect.features.window.RecentFlags;

/**
 * What {@link TextFeatures} remembers about a client that sends text: recent MinHash signatures
 * (word shingles, character shingles, variable parts), the template prefix, and the near-duplicate
 * flags of the last 64 text queries. Null in {@code ClientFeatureState} until the first text query.
 * At most 10.6 KiB with the defaults (see docs/FEATURES.md). A Flink POJO.
 */
public class TextState {
    public RecentSignatures words;
    public RecentSignatures chars;
    public RecentSignatures variableParts;

    public RecentFlags nearDuplicates;
    public RecentFlags charNearDuplicates;
    public RecentFlags paramSweeps;
    public RecentFlags templateMatches;
    public RecentFlags variableNearDuplicates;

    /**
     * Template prefix candidate: hashes of its first 4, 8, 12, ... words (the first {@link
     * #templateBlocks} are set).
     */
    public int[] template;

    public int templateBlocks;

    /** Text queries in a row that did not match the template candidate. */
    public int templateMisses;

    /** Minimum MinHash Jaccard distance of each recent text query to the earlier ones. */
    public FloatRing distances;

    /** Text queries over the whole history. */
    public long textRequests;

    /** Of those, the ones with a recent near-duplicate. */
    public long nearDuplicatesTotal;

    /** For Flink's POJO serializer. */
    public TextState() {}
}
