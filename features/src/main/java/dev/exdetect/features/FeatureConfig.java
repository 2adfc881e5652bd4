package dev.exdetect.features;

import java.io.Serializable;

/**
 * Settings of the feature engine. Changing one changes feature values, so live and replay must use
 * the same settings to agree.
 *
 * @param shingleSize words per shingle for text signatures (default 3)
 * @param maxAnalyzedChars leading chars of a text that are analysed; the rest is ignored so that a
 *     huge prompt costs no more than this (default 4096)
 * @param recentSignatures word signatures kept per client for near-duplicate lookup, 8 to 64
 *     (default 64)
 * @param nearDuplicateThreshold estimated Jaccard similarity at or above which two queries count as
 *     near-duplicates (default 0.7)
 * @param charShingleSize chars per character shingle (default 5)
 * @param minTemplateTokens leading words a query must share with the client's template prefix for
 *     the rest to count as the variable part; prefixes are compared in blocks of 4 words (default
 *     8)
 * @param vectorCellWidth width, in input units, of the LSH buckets that define query-space cells of
 *     vector inputs (default 4.0)
 * @param lowConfidence a returned confidence below this marks an uncertain answer (default 0.6)
 * @param boundaryMargin a top-two probability margin below this marks an answer near a decision
 *     boundary (default 0.1)
 */
public record FeatureConfig(
        int shingleSize,
        int maxAnalyzedChars,
        int recentSignatures,
        double nearDuplicateThreshold,
        int charShingleSize,
        int minTemplateTokens,
        double vectorCellWidth,
        double lowConfidence,
        double boundaryMargin)
        implements Serializable {

    private static final int DEFAULT_CHAR_SHINGLE_SIZE = 5;
    private static final int DEFAULT_MIN_TEMPLATE_TOKENS = 8;
    private static final double DEFAULT_VECTOR_CELL_WIDTH = 4.0;
    private static final double DEFAULT_LOW_CONFIDENCE = 0.6;
    private static final double DEFAULT_BOUNDARY_MARGIN = 0.1;

    /** The defaults documented above. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(3, 4096, 64, 0.7);
    }

    /** The defaults with the first four settings given (kept for existing callers). */
    public FeatureConfig(
            int shingleSize,
            int maxAnalyzedChars,
            int recentSignatures,
            double nearDuplicateThreshold) {
        this(
                shingleSize,
                maxAnalyzedChars,
                recentSignatures,
                nearDuplicateThreshold,
                DEFAULT_CHAR_SHINGLE_SIZE,
                DEFAULT_MIN_TEMPLATE_TOKENS,
                DEFAULT_VECTOR_CELL_WIDTH,
                DEFAULT_LOW_CONFIDENCE,
                DEFAULT_BOUNDARY_MARGIN);
    }

    /** Checks ranges; throws {@link IllegalArgumentException} naming the bad setting. */
    public FeatureConfig {
        require(shingleSize >= 1 && shingleSize <= 8, "shingle size must be 1..8");
        require(maxAnalyzedChars >= 16, "max analysed chars must be >= 16");
        require(recentSignatures >= 8 && recentSignatures <= 64, "recent signatures must be 8..64");
        require(
                nearDuplicateThreshold > 0 && nearDuplicateThreshold <= 1,
                "near-duplicate threshold must be in (0, 1]");
        require(charShingleSize >= 2 && charShingleSize <= 16, "char shingle size must be 2..16");
        require(
                minTemplateTokens >= 1 && minTemplateTokens <= 256,
                "template minimum words must be 1..256");
        require(
                vectorCellWidth > 0 && Double.isFinite(vectorCellWidth),
                "vector cell width must be a positive number");
        require(lowConfidence >= 0 && lowConfidence <= 1, "low confidence must be in [0, 1]");
        require(boundaryMargin >= 0 && boundaryMargin <= 1, "boundary margin must be in [0, 1]");
    }

    /** These settings with another near-duplicate threshold. */
    public FeatureConfig withNearDuplicateThreshold(double threshold) {
        return new FeatureConfig(
                shingleSize,
                maxAnalyzedChars,
                recentSignatures,
                threshold,
                charShingleSize,
                minTemplateTokens,
                vectorCellWidth,
                lowConfidence,
                boundaryMargin);
    }

    /** These settings with another template minimum. */
    public FeatureConfig withMinTemplateTokens(int words) {
        return new FeatureConfig(
                shingleSize,
                maxAnalyzedChars,
                recentSignatures,
                nearDuplicateThreshold,
                charShingleSize,
                words,
                vectorCellWidth,
                lowConfidence,
                boundaryMargin);
    }

    /** These settings with another vector cell width. */
    public FeatureConfig withVectorCellWidth(double width) {
        return new FeatureConfig(
                shingleSize,
                maxAnalyzedChars,
                recentSignatures,
                nearDuplicateThreshold,
                charShingleSize,
                minTemplateTokens,
                width,
                lowConfidence,
                boundaryMargin);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
