package dev.exdetect.features.text;

import dev.exdetect.features.hash.Hashing;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Turns a text into the 64-bit hashes of its word shingles (runs of {@code k} consecutive words).
 *
 * <p>Words come from Lucene's {@link StandardTokenizer} (Unicode word segmentation, so CJK, accents
 * and punctuation are handled as a search engine would) followed by lower-casing. The shingles are
 * hashed from the token hashes directly rather than built as strings by Lucene's ShingleFilter,
 * which avoids one allocation per shingle. A text with fewer than {@code k} words yields one
 * shingle of all its words, so that short queries still get a signature.
 *
 * <p>Not thread-safe and not serializable (Lucene analyzers are neither): create one per operator
 * instance, in {@code open()}.
 */
public final class WordShingler implements AutoCloseable {
    private final int shingleSize;
    private final int maxChars;
    private final Analyzer analyzer;
    private long[] tokenHashes = new long[64];
    private long[] shingles = new long[64];

    /**
     * @param shingleSize words per shingle, at least 1
     * @param maxChars only this many leading chars of a text are analysed (caps the cost of huge
     *     prompts)
     */
    public WordShingler(int shingleSize, int maxChars) {
        if (shingleSize < 1) {
            throw new IllegalArgumentException("shingleSize must be >= 1, was " + shingleSize);
        }
        this.shingleSize = shingleSize;
        this.maxChars = maxChars;
        this.analyzer =
                new Analyzer() {
                    @Override
                    protected TokenStreamComponents createComponents(String fieldName) {
                        Tokenizer tokenizer = new StandardTokenizer();
                        TokenStream lowerCased = new LowerCaseFilter(tokenizer);
                        return new TokenStreamComponents(tokenizer, lowerCased);
                    }
                };
    }

    /**
     * Analyses {@code text} and returns the number of shingle hashes written to {@link
     * #shingles()}. Zero when the text has no words (only punctuation or symbols, say).
     */
    public int shingle(String text) {
        int tokens = tokenize(text.length() > maxChars ? text.substring(0, maxChars) : text);
        if (tokens == 0) {
            return 0;
        }
        int count = Math.max(1, tokens - shingleSize + 1);
        ensureShingleCapacity(count);
        int width = Math.min(shingleSize, tokens);
        for (int start = 0; start < count; start++) {
            long h = tokenHashes[start];
            for (int j = 1; j < width; j++) {
                h = Hashing.combine(h, tokenHashes[start + j]);
            }
            shingles[start] = h;
        }
        return count;
    }

    /** The shingle hashes of the last {@link #shingle} call (only the first {@code n} are set). */
    public long[] shingles() {
        return shingles;
    }

    private int tokenize(String text) {
        int n = 0;
        try (TokenStream stream = analyzer.tokenStream("q", new StringReader(text))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (n == tokenHashes.length) {
                    tokenHashes = java.util.Arrays.copyOf(tokenHashes, n * 2);
                }
                tokenHashes[n++] = Hashing.hashChars(term.buffer(), 0, term.length());
            }
            stream.end();
        } catch (IOException e) {
            // A StringReader cannot fail; anything else is a bug worth surfacing.
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private void ensureShingleCapacity(int count) {
        if (shingles.length < count) {
            shingles = new long[Math.max(count, shingles.length * 2)];
        }
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
