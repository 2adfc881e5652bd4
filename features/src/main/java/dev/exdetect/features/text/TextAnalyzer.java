package dev.exdetect.features.text;

import dev.exdetect.features.hash.Hashing;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Runs Lucene analysis over a text once and keeps what every text feature needs: the 32-bit hash of
 * each word, the words joined by single spaces (for character shingles), and which words are
 * content words (not English stop words).
 *
 * <p>Words come from Lucene's {@link StandardTokenizer} (Unicode word segmentation, so CJK, accents
 * and punctuation are handled as a search engine would) followed by lower-casing. Shingles are
 * hashed from these arrays directly rather than built as strings by Lucene's ShingleFilter, which
 * avoids one allocation per shingle.
 *
 * <p>Not thread-safe and not serializable (Lucene analyzers are neither): create one per operator
 * instance, in {@code open()}.
 */
public final class TextAnalyzer implements AutoCloseable {
    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private final int maxChars;
    private final Analyzer analyzer;
    private int tokenCount;
    private int[] tokenHashes = new int[64];
    private boolean[] contentWord = new boolean[64];
    private char[] normalized = new char[512];
    private int normalizedLength;

    /**
     * @param maxChars only this many leading chars of a text are analysed (caps the cost of huge
     *     prompts)
     */
    public TextAnalyzer(int maxChars) {
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

    /** Analyses {@code text}; returns the number of words found (0 for only punctuation). */
    public int analyze(String text) {
        tokenCount = 0;
        normalizedLength = 0;
        String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
        try (TokenStream stream = analyzer.tokenStream("q", new StringReader(cut))) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                add(term.buffer(), term.length());
            }
            stream.end();
        } catch (IOException e) {
            // A StringReader cannot fail; anything else is a bug worth surfacing.
            throw new UncheckedIOException(e);
        }
        return tokenCount;
    }

    private void add(char[] buffer, int length) {
        if (tokenCount == tokenHashes.length) {
            tokenHashes = Arrays.copyOf(tokenHashes, tokenCount * 2);
            contentWord = Arrays.copyOf(contentWord, tokenCount * 2);
        }
        tokenHashes[tokenCount] = (int) Hashing.hashChars(buffer, 0, length);
        contentWord[tokenCount] = !STOP_WORDS.contains(buffer, 0, length);
        tokenCount++;
        int needed = normalizedLength + length + 1;
        if (needed > normalized.length) {
            normalized = Arrays.copyOf(normalized, Math.max(needed, normalized.length * 2));
        }
        if (normalizedLength > 0) {
            normalized[normalizedLength++] = ' ';
        }
        System.arraycopy(buffer, 0, normalized, normalizedLength, length);
        normalizedLength += length;
    }

    /** Words found by the last {@link #analyze} call. */
    public int tokenCount() {
        return tokenCount;
    }

    /** 32-bit hashes of the words of the last text (the first {@link #tokenCount()} are set). */
    public int[] tokenHashes() {
        return tokenHashes;
    }

    /** Whether word {@code i} of the last text is a content word (not an English stop word). */
    public boolean isContentWord(int i) {
        return contentWord[i];
    }

    /** The last text's words, lower-cased and joined by single spaces. */
    public char[] normalizedChars() {
        return normalized;
    }

    /** Length of {@link #normalizedChars()}' valid prefix. */
    public int normalizedLength() {
        return normalizedLength;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
