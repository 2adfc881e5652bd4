package dev.exdetect.features.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextAnalyzerTest {
    @Test
    void wordsAreLowerCasedSegmentedAndJoinedBySingleSpaces() {
        try (TextAnalyzer a = new TextAnalyzer(4096)) {
            assertThat(a.analyze("The QUICK, brown fox!  Jumps.")).isEqualTo(5);
            assertThat(new String(a.normalizedChars(), 0, a.normalizedLength()))
                    .isEqualTo("the quick brown fox jumps");
            assertThat(a.isContentWord(0)).isFalse(); // "the" is a stop word
            assertThat(a.isContentWord(1)).isTrue();
            int quick = a.tokenHashes()[1];
            a.analyze("quick");
            assertThat(a.tokenHashes()[0]).isEqualTo(quick);
            assertThat(a.analyze("?!,.")).isZero();
        }
    }

    @Test
    void onlyTheLeadingCharsAreAnalysed() {
        try (TextAnalyzer a = new TextAnalyzer(16)) {
            assertThat(a.analyze("aaaa bbbb cccc dddd eeee ffff")).isEqualTo(4);
        }
    }

    @Test
    void shingleCountsFollowTheSequenceLength() {
        int[] count = new int[1];
        int[] tokens = {1, 2, 3, 4, 5};
        long[] out = Shingles.words(tokens, 0, 5, 3, new long[1], count);
        assertThat(count[0]).isEqualTo(3);
        long first = out[0];
        // A shingle depends only on its words: the same run elsewhere hashes the same.
        Shingles.words(new int[] {9, 1, 2, 3}, 1, 4, 3, out, count);
        assertThat(count[0]).isEqualTo(1);
        assertThat(out[0]).isEqualTo(first);
        // Shorter than k: one shingle of everything; empty: none.
        Shingles.words(tokens, 0, 2, 3, out, count);
        assertThat(count[0]).isEqualTo(1);
        Shingles.words(tokens, 3, 3, 3, out, count);
        assertThat(count[0]).isZero();
        char[] chars = "hello world".toCharArray();
        Shingles.chars(chars, chars.length, 5, out, count);
        assertThat(count[0]).isEqualTo(7);
    }
}
