package dev.exdetect.features.engine;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.minhash.MinHasher;
import dev.exdetect.features.params.RequestParams;
import dev.exdetect.features.text.Shingles;
import dev.exdetect.features.text.TextAnalyzer;
import dev.exdetect.features.vector.VectorSketcher;
import java.util.Arrays;

/**
 * Turns a request's raw input into a {@link QueryObservation}: the stateless, costly half of
 * feature extraction (Lucene analysis, MinHash, vector sketch, parameter parsing). Not thread-safe
 * (it holds a Lucene analyzer and scratch buffers): one per operator instance.
 */
public final class QueryAnalyzer implements AutoCloseable {
    /** Words of a text passed on for the per-client template prefix. */
    public static final int MAX_OBSERVED_TOKENS = 256;

    private static final long CELL_SEED = 0x6A09E667F3BCC909L;

    private final FeatureConfig config;
    private final TextAnalyzer text;
    private long[] shingles = new long[256];
    private final int[] count = new int[1];

    /** An analyzer using the settings of {@code config}. */
    public QueryAnalyzer(FeatureConfig config) {
        this.config = config;
        this.text = new TextAnalyzer(config.maxAnalyzedChars());
    }

    /** Observes a request at {@code timestampMillis} with input text {@code text} (may be null). */
    public QueryObservation observe(long timestampMillis, String text) {
        return observe(timestampMillis, QueryInput.text(text));
    }

    /**
     * Observes a request at {@code timestampMillis} with the given input, parameters and output.
     */
    public QueryObservation observe(long timestampMillis, QueryInput in) {
        QueryObservation obs = new QueryObservation();
        obs.timestampMillis = timestampMillis;
        if (in.text != null && !in.text.isEmpty()) {
            observeText(in.text, obs);
        }
        if (in.vector != null && in.vector.length > 0) {
            obs.vectorSketch = VectorSketcher.sketch(in.vector);
            if (obs.cell == 0) {
                obs.cell = nonZero(VectorSketcher.cell(obs.vectorSketch, config.vectorCellWidth()));
            }
        }
        RequestParams params = RequestParams.parse(in.paramsJson);
        obs.paramsFingerprint = params.fingerprint();
        obs.maxTokens = params.maxTokens();
        obs.logprobs = params.logprobs() || in.outputLogprobs;
        obs.logitBias = params.logitBias();
        observeOutput(in, obs);
        return obs;
    }

    /** The MinHash signature of the word shingles of {@code text}, or null when it has no words. */
    public byte[] textSignature(String input) {
        if (input == null || input.isEmpty() || text.analyze(input) == 0) {
            return null;
        }
        return wordSignature();
    }

    private void observeText(String input, QueryObservation obs) {
        int n = text.analyze(input);
        if (n == 0) {
            return;
        }
        obs.textSignature = wordSignature();
        shingles =
                Shingles.chars(
                        text.normalizedChars(),
                        text.normalizedLength(),
                        config.charShingleSize(),
                        shingles,
                        count);
        obs.charSignature = MinHasher.onePermutationSignature(shingles, count[0]);
        obs.tokenHashes = Arrays.copyOf(text.tokenHashes(), Math.min(n, MAX_OBSERVED_TOKENS));
        obs.cell = nonZero(keywordCell(n));
    }

    private byte[] wordSignature() {
        shingles =
                Shingles.words(
                        text.tokenHashes(),
                        0,
                        text.tokenCount(),
                        config.shingleSize(),
                        shingles,
                        count);
        return MinHasher.signature(shingles, count[0]);
    }

    /**
     * The text's keyword cell: the content word with the smallest hash (one-row MinHash over the
     * set of content words). Two texts share it with probability equal to the Jaccard similarity of
     * their vocabularies, so the cells a client visits grow with the vocabulary it covers.
     */
    private long keywordCell(int n) {
        long best = Long.MAX_VALUE;
        boolean anyContent = false;
        for (int i = 0; i < n; i++) {
            if (text.isContentWord(i)) {
                anyContent = true;
                best = Math.min(best, Hashing.mix64(text.tokenHashes()[i] ^ CELL_SEED));
            }
        }
        if (!anyContent) { // only stop words: use them all
            for (int i = 0; i < n; i++) {
                best = Math.min(best, Hashing.mix64(text.tokenHashes()[i] ^ CELL_SEED));
            }
        }
        return Hashing.mix64(best);
    }

    private void observeOutput(QueryInput in, QueryObservation obs) {
        double[] p = in.outputProbabilities;
        int top = -1;
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        if (p != null && p.length > 0) {
            obs.probabilities = true;
            for (int i = 0; i < p.length; i++) {
                if (p[i] > first) {
                    second = first;
                    first = p[i];
                    top = i;
                } else if (p[i] > second) {
                    second = p[i];
                }
            }
        }
        if (in.outputLabel != null) {
            obs.labelHash = RequestParams.nonZero((int) Hashing.hashUtf8(in.outputLabel));
        } else if (top >= 0) {
            obs.labelHash = RequestParams.nonZero((int) Hashing.hashUtf8("#" + top));
        }
        if (p != null && p.length >= 2) {
            obs.uncertain = first - second < config.boundaryMargin() ? 1 : 0;
        } else if (!Double.isNaN(in.outputConfidence)) {
            obs.uncertain = in.outputConfidence < config.lowConfidence() ? 1 : 0;
        }
    }

    private static long nonZero(long cell) {
        return cell == 0 ? 1 : cell;
    }

    @Override
    public void close() {
        text.close();
    }
}
