package dev.exdetect.features.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.hash.Hashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Word shingles of analysed text: {@link TextAnalyzer} words through {@link Shingles#words}. */
class WordShinglesTest {
    private final List<TextAnalyzer> opened = new ArrayList<>();

    /** A word shingler of {@code size} words reading {@code maxChars} chars. */
    private record WordShingler(TextAnalyzer analyzer, int size) {
        int shingle(String text) {
            return shingles(this, text).length;
        }
    }

    private WordShingler shingler(int size, int maxChars) {
        TextAnalyzer a = new TextAnalyzer(maxChars);
        opened.add(a);
        return new WordShingler(a, size);
    }

    @AfterEach
    void close() {
        opened.forEach(TextAnalyzer::close);
    }

    private static long[] shingles(WordShingler s, String text) {
        int n = s.analyzer().analyze(text);
        int[] count = new int[1];
        long[] out = Shingles.words(s.analyzer().tokenHashes(), 0, n, s.size(), new long[1], count);
        return Arrays.copyOf(out, count[0]);
    }

    private static Set<Long> asSet(long[] values) {
        Set<Long> set = new HashSet<>();
        for (long v : values) {
            set.add(v);
        }
        return set;
    }

    @Test
    void caseAndPunctuationDoNotChangeShingles() {
        WordShingler s = shingler(3, 4096);
        long[] a = shingles(s, "Hello, World foo");
        long[] b = shingles(s, "hello world FOO");
        assertThat(a).hasSize(1).isEqualTo(b);
        assertThat(shingles(s, "Hello... world!!! (foo)?")).isEqualTo(a);
        assertThat(shingles(s, "CAFÉ au lait")).isEqualTo(shingles(s, "café Au LAIT"));
        // Extra whitespace between words is not a word either.
        assertThat(shingles(s, "  hello \t\n world   foo  ")).isEqualTo(a);
    }

    @Test
    void wordsAreHashedAsLowerCaseTokensAndCombinedInOrder() {
        // Independent reconstruction of one 2-word shingle from its lower-cased words: 32-bit
        // word hashes, the first mixed to 64 bits, the next combined in order.
        WordShingler s = shingler(2, 4096);
        long expected =
                Hashing.combine(
                        Hashing.mix64((int) Hashing.hashString("hello")),
                        (int) Hashing.hashString("world"));
        assertThat(shingles(s, "Hello, WORLD!")).containsExactly(expected);
    }

    @Test
    void wordOrderMatters() {
        WordShingler s = shingler(3, 4096);
        long[] forward = shingles(s, "alpha beta gamma delta");
        long[] backward = shingles(s, "delta gamma beta alpha");
        assertThat(forward).hasSize(2);
        assertThat(backward).hasSize(2);
        assertThat(asSet(forward)).doesNotContainAnyElementsOf(asSet(backward));

        WordShingler pairs = shingler(2, 4096);
        assertThat(shingles(pairs, "x y")).isNotEqualTo(shingles(pairs, "y x"));
        // A 1-word shingler sees the same bag of words.
        WordShingler words = shingler(1, 4096);
        assertThat(asSet(shingles(words, "alpha beta gamma delta")))
                .isEqualTo(asSet(shingles(words, "delta gamma beta alpha")));
    }

    @Test
    void countIsWordsMinusShingleSizePlusOneAndAtLeastOne() {
        Random random = new Random(31);
        for (int size = 1; size <= 8; size++) {
            WordShingler s = shingler(size, 100_000);
            for (int words = 1; words <= 30; words++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < words; i++) {
                    sb.append("w").append(random.nextInt(1000)).append(' ');
                }
                assertThat(s.shingle(sb.toString()))
                        .as("%d words, shingle size %d", words, size)
                        .isEqualTo(Math.max(1, words - size + 1));
            }
        }
    }

    @Test
    void aTextShorterThanTheShingleSizeYieldsOneShingleOfAllItsWords() {
        WordShingler s = shingler(3, 4096);
        assertThat(s.shingle("one two")).isEqualTo(1);
        long[] oneTwo = shingles(s, "one two");
        assertThat(shingles(s, "One, TWO.")).isEqualTo(oneTwo);
        assertThat(shingles(s, "two one")).isNotEqualTo(oneTwo);
        assertThat(s.shingle("single")).isEqualTo(1);
        assertThat(shingles(s, "single")).isNotEqualTo(shingles(s, "other"));
    }

    @Test
    void aTextWithNoWordsYieldsNoShingles() {
        WordShingler s = shingler(3, 4096);
        assertThat(s.shingle("")).isZero();
        assertThat(s.shingle("    \t\n ")).isZero();
        assertThat(s.shingle("!!! ... ??? -- ,,, ;;")).isZero();
    }

    @Test
    void repeatedWordRunsGiveEqualShingles() {
        WordShingler s = shingler(3, 4096);
        long[] h = shingles(s, "a b c x a b c");
        assertThat(h).hasSize(5);
        assertThat(h[0]).isEqualTo(h[4]);
        assertThat(asSet(h)).hasSize(4);
    }

    @Test
    void shinglesOfALongTextAreTheSlidingRunsSoDroppingTheFirstWordDropsTheFirstShingle() {
        // Also exercises the growth of the internal buffers past 64 tokens.
        Random random = new Random(32);
        WordShingler s = shingler(3, 100_000);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            words.add("word" + random.nextInt(100_000));
        }
        long[] all = shingles(s, String.join(" ", words));
        assertThat(all).hasSize(498);
        for (int drop : new int[] {1, 7, 100, 300}) {
            long[] rest = shingles(s, String.join(" ", words.subList(drop, words.size())));
            assertThat(rest).isEqualTo(Arrays.copyOfRange(all, drop, all.length));
        }
        // Re-use after a long text gives the same as a fresh shingler.
        assertThat(shingles(s, "short text here now"))
                .isEqualTo(shingles(shingler(3, 100_000), "short text here now"));
    }

    @Test
    void onlyTheFirstMaxCharsAreAnalysed() {
        int maxChars = 40;
        WordShingler s = shingler(3, maxChars);
        String prefix = "the quick brown fox jumps over the lazy "; // 40 chars
        assertThat(prefix).hasSize(maxChars);
        long[] a = shingles(s, prefix + "dog and then some more words");
        long[] b = shingles(s, prefix + "cat with entirely different words after it");
        assertThat(a).isEqualTo(b).isEqualTo(shingles(s, prefix));

        // Control: the same two texts with no cap differ.
        WordShingler uncapped = shingler(3, 4096);
        assertThat(shingles(uncapped, prefix + "dog and then some more words"))
                .isNotEqualTo(shingles(uncapped, prefix + "cat with entirely different words"));
        // And a change inside the cap is seen.
        assertThat(shingles(s, "the slow brown fox jumps over the lazy dog and more"))
                .isNotEqualTo(a);
    }
}
