package dev.exdetect.features.sketch;

/**
 * The last {@code capacity} values of a numeric stream (for example minimum query distances),
 * stored as floats. {@code 4 * capacity} bytes plus two ints. A Flink POJO.
 */
public class FloatRing {
    /** Values in ring order. */
    public float[] values;

    /** Valid entries (at most the capacity). */
    public int size;

    /** Slot the next value goes into. */
    public int next;

    /** For Flink's POJO serializer. */
    public FloatRing() {}

    /** An empty ring of {@code capacity} values. */
    public static FloatRing withCapacity(int capacity) {
        FloatRing r = new FloatRing();
        r.values = new float[capacity];
        return r;
    }

    /** Appends {@code value}, evicting the oldest when full. */
    public void add(double value) {
        values[next] = (float) value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /** The stored values, oldest order not kept, as doubles. */
    public double[] toArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Mean of the stored values; NaN when empty. */
    public double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }

    /** Sample standard deviation of the stored values; NaN with fewer than two. */
    public double standardDeviation() {
        if (size < 2) {
            return Double.NaN;
        }
        double mean = mean();
        double ss = 0;
        for (int i = 0; i < size; i++) {
            double d = values[i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (size - 1));
    }

    /** The stored values in ascending order. */
    public double[] sorted() {
        double[] sorted = toArray();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    /** Median of the stored values; NaN when empty. */
    public double median() {
        return median(sorted());
    }

    /** Median of ascending {@code sorted}; NaN when empty. */
    public static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
