package dev.exdetect.features.engine;

import dev.exdetect.features.minhash.MinHasher;
import dev.exdetect.features.text.WordShingler;

/**
 * Turns a request's raw input into a {@link QueryObservation}: the stateless, costly half of
 * feature extraction. Not thread-safe (it holds a Lucene analyzer): one per operator instance.
 */
public final class QueryAnalyzer implements AutoCloseable {
    private final WordShingler shingler;

    /** An analyzer using the text settings of {@code config}. */
    public QueryAnalyzer(FeatureConfig config) {
        this.shingler = new WordShingler(config.shingleSize(), config.maxAnalyzedChars());
    }

    /** Observes a request at {@code timestampMillis} with input text {@code text} (may be null). */
    public QueryObservation observe(long timestampMillis, String text) {
        return new QueryObservation(timestampMillis, textSignature(text));
    }

    /** The MinHash signature of the word shingles of {@code text}, or null when it has no words. */
    public byte[] textSignature(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int n = shingler.shingle(text);
        return MinHasher.signature(shingler.shingles(), n);
    }

    @Override
    public void close() {
        shingler.close();
    }
}
