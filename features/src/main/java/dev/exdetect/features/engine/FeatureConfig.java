package dev.exdetect.features.engine;

import java.io.Serializable;

/**
 * Settings of the feature engine. Changing one changes feature values, so live and replay must use
 * the same settings to agree.
 *
 * @param shingleSize words per shingle for text signatures (default 3)
 * @param maxAnalyzedChars leading chars of a text that are analysed; the rest is ignored so that a
 *     huge prompt costs no more than this (default 4096)
 * @param recentSignatures signatures kept per client for near-duplicate lookup (default 64)
 * @param nearDuplicateThreshold estimated Jaccard similarity at or above which two queries count as
 *     near-duplicates (default 0.7)
 */
public record FeatureConfig(
        int shingleSize, int maxAnalyzedChars, int recentSignatures, double nearDuplicateThreshold)
        implements Serializable {

    /** The defaults documented above. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(3, 4096, 64, 0.7);
    }

    /** Checks ranges; throws {@link IllegalArgumentException} naming the bad setting. */
    public FeatureConfig {
        require(shingleSize >= 1 && shingleSize <= 8, "shingle size must be 1..8");
        require(maxAnalyzedChars >= 16, "max analysed chars must be >= 16");
        require(
                recentSignatures >= 1 && recentSignatures <= 1024,
                "recent signatures must be 1..1024");
        require(
                nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1,
                "near-duplicate threshold must be in (0, 1]");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
