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

    /** Shannon entropy of the stored values' distribution, in bits; 0 when empty. */
    public double entropyBits() {
        int[] sorted = sorted();
        double h = 0;
        int run = 1;
        for (int i = 1; i <= size; i++) {
            if (i < size && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                double p = (double) run / size;
                h -= p * Math.log(p);
                run = 1;
            }
        }
        return size == 0 ? 0 : h / Math.log(2);
    }

    /** Share of the stored values equal to the most common one; 0 when empty. */
    public double modeShare() {
        int[] sorted = sorted();
        int best = 0;
        int run = 1;
        for (int i = 1; i <= size; i++) {
            if (i < size && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                best = Math.max(best, run);
                run = 1;
            }
        }
        return size == 0 ? 0 : (double) best / size;
    }

    /** Number of distinct stored values. */
    public int distinct() {
        int[] sorted = sorted();
        int distinct = size == 0 ? 0 : 1;
        for (int i = 1; i < size; i++) {
            if (sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    private int[] sorted() {
        int[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
