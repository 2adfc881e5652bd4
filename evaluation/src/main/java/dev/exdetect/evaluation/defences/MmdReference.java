package dev.exdetect.evaluation.defences;

import java.util.Arrays;
import java.util.List;

/**
 * What the MMD baseline compares a client's window of queries with: a sample of benign queries'
 * embeddings, the RBF kernel's bandwidth chosen by the median heuristic on them, the reference's
 * own mean kernel value, and the threshold on the squared MMD. Fitted by {@link MmdCalibration} on
 * one world's benign clients only; immutable.
 *
 * @param reference benign embeddings (dense, unit length)
 * @param gamma the kernel {@code exp(-gamma * ||x - y||^2)}: {@code 1 / (2 sigma^2)} with sigma the
 *     median distance between reference points
 * @param referenceMeanKernel mean of the kernel over pairs of distinct reference points
 * @param window queries per window
 * @param threshold squared MMD above which a window is flagged
 */
public record MmdReference(
        List<float[]> reference,
        double gamma,
        double referenceMeanKernel,
        int window,
        double threshold) {

    /** A reference with the bandwidth and mean kernel computed from {@code reference}. */
    public static MmdReference of(List<float[]> reference, int window, double threshold) {
        int m = reference.size();
        if (m < 2) {
            throw new IllegalArgumentException("the MMD reference needs at least two queries");
        }
        double[] d2 = new double[m * (m - 1) / 2];
        int k = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                d2[k++] = squaredDistance(reference.get(i), reference.get(j));
            }
        }
        double[] sorted = d2.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        // Identical texts everywhere would give a zero median: fall back to the unit-vector scale.
        double gamma = 1 / (2 * (median > 0 ? median : 1.0));
        double sum = 0;
        for (double v : d2) {
            sum += Math.exp(-gamma * v);
        }
        return new MmdReference(List.copyOf(reference), gamma, sum / d2.length, window, threshold);
    }

    /** The same reference with another threshold. */
    public MmdReference withThreshold(double t) {
        return new MmdReference(reference, gamma, referenceMeanKernel, window, t);
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
