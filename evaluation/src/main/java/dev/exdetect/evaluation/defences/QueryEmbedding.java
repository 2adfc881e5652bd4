package dev.exdetect.evaluation.defences;

import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.text.TextAnalyzer;

/**
 * A lexical embedding of a query for the MMD baseline: Lucene analysis (the detector's {@link
 * TextAnalyzer}: Unicode word segmentation, lower-casing), then feature hashing of the words and
 * word pairs into {@value #DIMENSIONS} signed buckets, normalised to unit length. No network, no
 * model: texts sharing many words and phrases are close, unrelated ones about √2 apart.
 *
 * <p>Not thread-safe (the analyser is not): one per defence.
 */
public final class QueryEmbedding implements AutoCloseable {
    /** Dimensions of an embedding. */
    public static final int DIMENSIONS = 128;

    /** Characters of a query analysed (the rest is ignored, as the detector does). */
    public static final int MAX_CHARS = 2_000;

    /**
     * A sparse unit vector: {@code index[i]} holds {@code value[i]}; an empty text has no entries.
     */
    public record Vector(int[] index, float[] value) {
        /** The dot product with a dense vector. */
        public double dot(float[] dense) {
            double s = 0;
            for (int i = 0; i < index.length; i++) {
                s += value[i] * dense[index[i]];
            }
            return s;
        }

        /** The dot product with another sparse vector. */
        public double dot(Vector o) {
            double s = 0;
            int i = 0;
            int j = 0;
            while (i < index.length && j < o.index.length) {
                if (index[i] == o.index[j]) {
                    s += value[i++] * o.value[j++];
                } else if (index[i] < o.index[j]) {
                    i++;
                } else {
                    j++;
                }
            }
            return s;
        }

        /** As a dense array. */
        public float[] dense() {
            float[] d = new float[DIMENSIONS];
            for (int i = 0; i < index.length; i++) {
                d[index[i]] = value[i];
            }
            return d;
        }

        /** The squared norm (1, or 0 for an empty text). */
        public double squaredNorm() {
            double s = 0;
            for (float v : value) {
                s += v * v;
            }
            return s;
        }
    }

    private final TextAnalyzer analyzer = new TextAnalyzer(MAX_CHARS);
    private final double[] buckets = new double[DIMENSIONS];

    /** The embedding of {@code text}. */
    public Vector of(String text) {
        java.util.Arrays.fill(buckets, 0);
        int n = analyzer.analyze(text);
        int[] tokens = analyzer.tokenHashes();
        for (int i = 0; i < n; i++) {
            add(Hashing.mix64(tokens[i]));
            if (i > 0) {
                add(Hashing.combine(Hashing.mix64(tokens[i - 1]), tokens[i]));
            }
        }
        double norm = 0;
        int nonZero = 0;
        for (double b : buckets) {
            norm += b * b;
            nonZero += b != 0 ? 1 : 0;
        }
        int[] index = new int[nonZero];
        float[] value = new float[nonZero];
        double scale = norm == 0 ? 0 : 1 / Math.sqrt(norm);
        int k = 0;
        for (int j = 0; j < DIMENSIONS; j++) {
            if (buckets[j] != 0) {
                index[k] = j;
                value[k++] = (float) (buckets[j] * scale);
            }
        }
        return new Vector(index, value);
    }

    private void add(long h) {
        int bucket = (int) Long.remainderUnsigned(h >>> 1, DIMENSIONS);
        buckets[bucket] += (h & 1) == 0 ? 1 : -1;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
