package dev.exdetect.evaluation.defences;

import dev.exdetect.features.hash.Hashing;
import java.util.Locale;

/**
 * A 64-dimensional unit vector for a text, so that the PRADA baseline can measure distances between
 * prompts: a random ±1 projection of the text's bag of words and word pairs (each term's 64-bit
 * hash gives its signs), normalised. Texts with many terms in common are close; unrelated texts are
 * about √2 apart.
 */
public final class TextSketch {
    /** Dimensions of a sketch. */
    public static final int DIMENSIONS = 64;

    private TextSketch() {}

    /** The sketch of {@code text}. */
    public static float[] of(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        double[] v = new double[DIMENSIONS];
        Long previous = null;
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            long h = Hashing.hashString(w);
            add(v, h);
            if (previous != null) {
                add(v, Hashing.combine(previous, h));
            }
            previous = h;
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        float[] out = new float[DIMENSIONS];
        if (norm == 0) {
            return out;
        }
        double s = 1 / Math.sqrt(norm);
        for (int j = 0; j < DIMENSIONS; j++) {
            out[j] = (float) (v[j] * s);
        }
        return out;
    }

    private static void add(double[] v, long h) {
        for (int j = 0; j < DIMENSIONS; j++) {
            v[j] += ((h >>> j) & 1) == 0 ? 1 : -1;
        }
    }
}
