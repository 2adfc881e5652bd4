package dev.exdetect.features.sketch;

/**
 * Remembers which query-space cells a client has visited recently, to tell whether a query lands in
 * a new cell, in fixed memory.
 *
 * <p>Two bitmaps of {@value #BITS} bits (one hash, like a one-hash Bloom filter): a cell is
 * remembered when its bit is set in either. New cells set their bit in the current bitmap; when it
 * is a quarter full the current becomes the previous and a fresh one starts, so memory covers the
 * last 1,000 to 2,000 distinct cells and older ones fade out. A new cell's bit may already be set
 * by another cell (a false "seen"); the chance is the share of bits set in the union, {@link
 * #fill()}, so {@code isNew / (1 - fill)} is an unbiased estimate of the true new-cell indicator. 1
 * KiB. A Flink POJO.
 */
public class SeenCells {
    /** Bits per bitmap. */
    public static final int BITS = 4096;

    private static final int ROTATE_AT = BITS / 4;

    /** Bitmap that new cells are written to. */
    public long[] current;

    /** The bitmap before the last rotation. */
    public long[] previous;

    /** Bits set in {@link #current}. */
    public int currentBits;

    /** Bit positions set in either bitmap. */
    public int unionBits;

    /** For Flink's POJO serializer. */
    public SeenCells() {}

    /** An empty memory. */
    public static SeenCells create() {
        SeenCells s = new SeenCells();
        s.current = new long[BITS / Long.SIZE];
        s.previous = new long[BITS / Long.SIZE];
        return s;
    }

    /** Share of bit positions set in either bitmap: the chance a new cell looks seen. */
    public double fill() {
        return (double) unionBits / BITS;
    }

    /**
     * Records a visit to the cell with (well mixed) hash {@code cellHash}; returns true when it was
     * not remembered.
     */
    public boolean visit(long cellHash) {
        int bit = (int) (cellHash & (BITS - 1));
        int word = bit >>> 6;
        long mask = 1L << bit;
        if ((current[word] & mask) != 0) {
            return false;
        }
        boolean seen = (previous[word] & mask) != 0;
        current[word] |= mask;
        if (!seen) {
            unionBits++;
        }
        if (++currentBits >= ROTATE_AT) {
            long[] recycled = previous;
            previous = current;
            java.util.Arrays.fill(recycled, 0L);
            current = recycled;
            unionBits = currentBits;
            currentBits = 0;
        }
        return !seen;
    }
}
