package dev.exdetect.features.sketch;

import java.util.Arrays;

/**
 * The last {@code capacity} values of a categorical stream (cell ids, label hashes, parameter
 * fingerprints), with the statistics of their distribution: Shannon entropy, the share of the most
 * common value, the number of distinct values. {@code 4 * capacity} bytes plus two ints. A Flink
 * POJO.
 */
public class IntRing {
    /** Values in ring order. */
    public int[] values;

    /** Valid entries (at most the capacity). */
    public int size;

    /** Slot the next value goes into. */
    public int next;

    /** For Flink's POJO serializer. */
    public IntRing() {}

    /** An empty ring of {@code capacity} values. */
    public static IntRing withCapacity(int capacity) {
        IntRing r = new IntRing();
        r.values = new int[capacity];
        return r;
    }

    /** Appends {@code value}, evicting the oldest when full. */
    public void add(int value) {
        values[next] = value;
        next = (next + 1) % values.length;
        size = Math.min(size + 1, values.length);
    }

    /**
     * The distribution of the stored values, from one sort: entropy in bits, share of the most
     * common value, number of distinct values (all 0 when empty).
     */
    public Summary summary() {
        int[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double h = 0;
        int best = 0;
        int distinct = 0;
        int run = 1;
        for (int i = 1; i <= size; i++) {
            if (i < size && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                double p = (double) run / size;
                h -= p * Math.log(p);
                best = Math.max(best, run);
                distinct++;
                run = 1;
            }
        }
        return size == 0
                ? new Summary(0, 0, 0)
                : new Summary(h / Math.log(2), (double) best / size, distinct);
    }

    /** Shannon entropy of the stored values' distribution, in bits; 0 when empty. */
    public double entropyBits() {
        return summary().entropyBits();
    }

    /** Share of the stored values equal to the most common one; 0 when empty. */
    public double modeShare() {
        return summary().modeShare();
    }

    /** Number of distinct stored values. */
    public int distinct() {
        return summary().distinct();
    }

    /**
     * A distribution summary.
     *
     * @param entropyBits Shannon entropy in bits
     * @param modeShare share of the most common value
     * @param distinct number of distinct values
     */
    public record Summary(double entropyBits, double modeShare, int distinct) {}
}
