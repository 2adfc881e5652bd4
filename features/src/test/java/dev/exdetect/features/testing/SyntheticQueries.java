package dev.exdetect.features.testing;

import java.util.SplittableRandom;

/**
 * Generators of realistic test inputs with known structure, all from fixed seeds: prompts of random
 * words from a synthetic vocabulary, template prompts, near-copies, vectors. Shared by the tests
 * and the JMH benchmarks (through the test jar).
 */
public final class SyntheticQueries {
    private static final String[] SYLLABLES = {
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qui", "dor", "len", "mar",
        "tos", "bel", "cri", "fen", "gal", "hus"
    };

    private final SplittableRandom random;
    private final String[] vocabulary;

    /** A generator with {@code vocabularySize} distinct words, seeded with {@code seed}. */
    public SyntheticQueries(long seed, int vocabularySize) {
        this.random = new SplittableRandom(seed);
        this.vocabulary = new String[vocabularySize];
        SplittableRandom words = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < vocabularySize; i++) {
            // Distinct by construction: the index in base 20 spelt in syllables, plus a random
            // tail.
            StringBuilder w = new StringBuilder();
            int k = i;
            do {
                w.append(SYLLABLES[k % SYLLABLES.length]);
                k /= SYLLABLES.length;
            } while (k > 0);
            w.append(SYLLABLES[words.nextInt(SYLLABLES.length)]);
            vocabulary[i] = w.toString();
        }
    }

    /** A random word. */
    public String word() {
        return vocabulary[random.nextInt(vocabulary.length)];
    }

    /** A prompt of {@code words} random words. */
    public String prompt(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(word());
        }
        return sb.toString();
    }

    /** {@code prompt} with {@code edits} of its words replaced by random words. */
    public String edit(String prompt, int edits) {
        String[] words = prompt.split(" ");
        for (int i = 0; i < edits; i++) {
            words[random.nextInt(words.length)] = word();
        }
        return String.join(" ", words);
    }

    /** {@code prompt} with {@code typos} pairs of adjacent letters swapped inside words. */
    public String typos(String prompt, int typos) {
        char[] chars = prompt.toCharArray();
        for (int i = 0; i < typos; i++) {
            int at = random.nextInt(chars.length - 1);
            if (chars[at] != ' ' && chars[at + 1] != ' ') {
                char c = chars[at];
                chars[at] = chars[at + 1];
                chars[at + 1] = c;
            }
        }
        return new String(chars);
    }

    /** A vector of {@code dims} standard normal values. */
    public double[] gaussian(int dims) {
        double[] v = new double[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = gaussian();
        }
        return v;
    }

    /** A standard normal value (Box-Muller). */
    public double gaussian() {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A uniform value in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
