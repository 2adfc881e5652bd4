package dev.exdetect.features.family;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.minhash.MinHasher;
import dev.exdetect.features.minhash.RecentSignatures;
import dev.exdetect.features.sketch.FloatRing;
import dev.exdetect.features.stats.ShapiroWilk;
import dev.exdetect.features.text.Shingles;
import dev.exdetect.features.window.RecentFlags;
import java.io.Serializable;

/**
 * Near-duplicate density of text queries (Blacklight, SEAT): over word shingles, character
 * shingles, the (input, parameters) pair and the variable part after a template prefix; plus
 * PRADA's normality test applied to MinHash Jaccard distances.
 */
public final class TextFeatures implements Serializable {
    /** Character-shingle and variable-part signatures kept. */
    public static final int SECONDARY_SIGNATURES = 32;

    /** Words per template-prefix block: prefixes are compared at this granularity. */
    public static final int TEMPLATE_BLOCK = 4;

    /** Prefix checkpoints kept per client. */
    public static final int TEMPLATE_CHECKPOINTS = 64;

    /** Consecutive misses after which the template candidate is replaced. */
    public static final int MAX_TEMPLATE_MISSES = 3;

    /** Longest template prefix tracked, in words. */
    public static final int MAX_TEMPLATE_TOKENS = TEMPLATE_BLOCK * TEMPLATE_CHECKPOINTS;

    /** Distances kept for the normality test. */
    public static final int DISTANCES = 64;

    /** Distances needed before normality is reported. */
    public static final int MIN_NORMALITY_SAMPLE = 20;

    private final FeatureConfig config;

    /** Text features with the given settings. */
    public TextFeatures(FeatureConfig config) {
        this.config = config;
    }

    /** Fresh state. */
    public TextState newState() {
        TextState s = new TextState();
        s.words = RecentSignatures.withCapacity(config.recentSignatures());
        s.chars = RecentSignatures.withCapacity(SECONDARY_SIGNATURES);
        s.variableParts = RecentSignatures.withCapacity(SECONDARY_SIGNATURES);
        s.nearDuplicates = new RecentFlags();
        s.charNearDuplicates = new RecentFlags();
        s.paramSweeps = new RecentFlags();
        s.templateMatches = new RecentFlags();
        s.variableNearDuplicates = new RecentFlags();
        s.template = new int[TEMPLATE_CHECKPOINTS];
        s.distances = FloatRing.withCapacity(DISTANCES);
        return s;
    }

    /** Folds a text observation (one with a word signature) into {@code s}. */
    public void update(TextState s, QueryObservation obs) {
        double threshold = config.nearDuplicateThreshold();
        RecentSignatures.Scan words =
                s.words.scan(obs.textSignature, obs.paramsFingerprint, threshold);
        boolean nearDuplicate = words.bestCandidate >= threshold;
        if (s.words.size > 0) {
            s.distances.add(1 - words.bestOverall);
        }
        s.nearDuplicates.add(nearDuplicate);
        s.paramSweeps.add(words.nearDuplicateWithOtherParams);
        s.words.add(obs.textSignature, obs.paramsFingerprint);
        s.textRequests++;
        if (nearDuplicate) {
            s.nearDuplicatesTotal++;
        }

        if (obs.charSignature != null) {
            s.charNearDuplicates.add(
                    s.chars.scan(obs.charSignature, 0, threshold).bestCandidate >= threshold);
            s.chars.add(obs.charSignature);
        }
        updateVariablePart(s, obs);
    }

    /**
     * The template prefix: the words a query shares at its start with the client's template
     * candidate, measured in blocks of {@value #TEMPLATE_BLOCK} words by comparing hashes of the
     * query's prefixes with the candidate's (so a prefix of up to {@value #MAX_TEMPLATE_TOKENS}
     * words costs {@value #TEMPLATE_CHECKPOINTS} ints of state). A match of at least {@code
     * minTemplateTokens} words narrows the template to the shared part and leaves the rest as the
     * variable part; a miss keeps the whole query as the variable part and, unless the template is
     * in steady use, makes this query's start the new candidate. A normal user thus compares each
     * query with the previous one; a templated app keeps its prefix.
     */
    private void updateVariablePart(TextState s, QueryObservation obs) {
        int[] tokens = obs.tokenHashes;
        int n = tokens == null ? 0 : tokens.length;
        int[] checkpoints = prefixCheckpoints(tokens, n);
        int blocks = Math.min(n / TEMPLATE_BLOCK, TEMPLATE_CHECKPOINTS);
        int sharedBlocks = 0;
        while (sharedBlocks < Math.min(blocks, s.templateBlocks)
                && checkpoints[sharedBlocks] == s.template[sharedBlocks]) {
            sharedBlocks++;
        }
        int shared = sharedBlocks * TEMPLATE_BLOCK;
        boolean matched = shared > 0 && shared >= config.minTemplateTokens();
        s.templateMatches.add(matched);
        byte[] variable;
        if (matched) {
            s.templateBlocks = sharedBlocks;
            s.templateMisses = 0;
            if (shared == n) { // nothing but the template: a copy of it
                s.variableNearDuplicates.add(true);
                return;
            }
            variable = variablePartSignature(tokens, shared, n);
        } else {
            if (++s.templateMisses >= MAX_TEMPLATE_MISSES || s.templateBlocks == 0) {
                System.arraycopy(checkpoints, 0, s.template, 0, blocks);
                s.templateBlocks = blocks;
                s.templateMisses = 0;
            }
            variable = obs.textSignature;
        }
        double threshold = config.nearDuplicateThreshold();
        s.variableNearDuplicates.add(
                s.variableParts.scan(variable, 0, threshold).bestCandidate >= threshold);
        s.variableParts.add(variable);
    }

    /** Hashes of the first 4, 8, 12, ... words (at most {@value #TEMPLATE_CHECKPOINTS}). */
    private static int[] prefixCheckpoints(int[] tokens, int n) {
        int[] checkpoints = new int[Math.min(n / TEMPLATE_BLOCK, TEMPLATE_CHECKPOINTS)];
        long h = 0;
        for (int i = 0; i < checkpoints.length * TEMPLATE_BLOCK; i++) {
            h = Hashing.combine(h, tokens[i]);
            if ((i + 1) % TEMPLATE_BLOCK == 0) {
                checkpoints[i / TEMPLATE_BLOCK] = (int) h;
            }
        }
        return checkpoints;
    }

    private byte[] variablePartSignature(int[] tokens, int from, int to) {
        int[] count = new int[1];
        long[] shingles =
                Shingles.words(tokens, from, to, config.shingleSize(), new long[64], count);
        return MinHasher.signature(shingles, count[0]);
    }

    /** Writes the text features; nothing when the client has sent no text. */
    public void report(TextState s, FeatureVector v) {
        if (s == null || s.textRequests == 0) {
            v.set(Feature.TEXT_REQUESTS_RECENT, 0);
            return;
        }
        v.set(Feature.TEXT_REQUESTS_RECENT, s.nearDuplicates.count);
        v.set(Feature.NEAR_DUPLICATE_RATIO, s.nearDuplicates.ratio());
        setRatio(v, Feature.CHAR_NEAR_DUPLICATE_RATIO, s.charNearDuplicates);
        v.set(Feature.PARAM_SWEEP_RATIO, s.paramSweeps.ratio());
        setRatio(v, Feature.TEMPLATE_SHARE, s.templateMatches);
        setRatio(v, Feature.VARIABLE_PART_NEAR_DUPLICATE_RATIO, s.variableNearDuplicates);
        v.set(
                Feature.LIFETIME_NEAR_DUPLICATE_RATIO,
                (double) s.nearDuplicatesTotal / s.textRequests);
        v.set(Feature.TEXT_DISTANCE_NORMALITY, normality(s.distances.sorted()));
    }

    /** Shapiro-Wilk W of ascending {@code sorted}; NaN when too few or all equal. */
    static double normality(double[] sorted) {
        return sorted.length < MIN_NORMALITY_SAMPLE ? Double.NaN : ShapiroWilk.statistic(sorted);
    }

    private static void setRatio(FeatureVector v, Feature f, RecentFlags flags) {
        if (flags.count > 0) {
            v.set(f, flags.ratio());
        }
    }
}
