package dev.exdetect.features.linkage;

/**
 * When a client was active over the last day, in 5-minute slots: 288 bits. Two accounts run by one
 * script start, pause and stop together; two people rarely do. A Flink POJO (40 bytes of bits).
 */
public class ActivityPattern {
    /** Slot length. */
    public static final long SLOT_MILLIS = 5 * 60_000L;

    /** Slots remembered (one day). */
    public static final int SLOTS = 288;

    /** Words in the ring. */
    private static final int WORDS = (SLOTS + 63) / 64;

    /** Ring of slot bits, indexed by absolute slot number modulo {@link #SLOTS}. */
    public long[] bits;

    /** Absolute number of the newest slot recorded; Long.MIN_VALUE when empty. */
    public long newestSlot = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public ActivityPattern() {}

    /** No activity yet. */
    public static ActivityPattern empty() {
        ActivityPattern p = new ActivityPattern();
        p.bits = new long[WORDS];
        return p;
    }

    /** Records activity at event time {@code t}. */
    public void add(long t) {
        long slot = Math.floorDiv(t, SLOT_MILLIS);
        if (newestSlot != Long.MIN_VALUE && slot <= newestSlot - SLOTS) {
            return; // older than a day
        }
        if (newestSlot == Long.MIN_VALUE || slot > newestSlot) {
            long from = newestSlot == Long.MIN_VALUE ? slot : newestSlot + 1;
            for (long s = Math.max(from, slot - SLOTS + 1); s <= slot; s++) {
                set(s, false);
            }
            newestSlot = slot;
        }
        set(slot, true);
    }

    /** True when the client was active in absolute slot {@code slot} (within the last day). */
    public boolean active(long slot) {
        if (newestSlot == Long.MIN_VALUE || slot > newestSlot || slot <= newestSlot - SLOTS) {
            return false;
        }
        int i = (int) Math.floorMod(slot, (long) SLOTS);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    /**
     * Jaccard similarity of the two clients' active slots over the day before the newer of the two,
     * or 0 when together they were active in fewer than {@code minSlots} slots (too little to
     * tell).
     */
    public static double similarity(ActivityPattern a, ActivityPattern b, int minSlots) {
        if (a.newestSlot == Long.MIN_VALUE || b.newestSlot == Long.MIN_VALUE) {
            return 0;
        }
        long newest = Math.max(a.newestSlot, b.newestSlot);
        long from = newest - SLOTS + 1;
        // The slots of the day before `newest` in which each pattern can be active: from `from`
        // to its own newest slot (the ring's other positions hold older or no days). Counted
        // word by word over the ring instead of slot by slot; the counts, and so the result, are
        // those of the slot-by-slot definition (see ActivityPatternTest).
        int startIndex = (int) Math.floorMod(from, (long) SLOTS);
        int lengthA = (int) Math.max(0, a.newestSlot - from + 1);
        int lengthB = (int) Math.max(0, b.newestSlot - from + 1);
        int both = 0;
        int either = 0;
        for (int w = 0; w < WORDS; w++) {
            long x = a.bits[w] & ringMask(w, startIndex, lengthA);
            long y = b.bits[w] & ringMask(w, startIndex, lengthB);
            both += Long.bitCount(x & y);
            either += Long.bitCount(x | y);
        }
        return either < minSlots ? 0 : (double) both / either;
    }

    /**
     * The bits of word {@code w} among the {@code length} ring positions that start at {@code
     * start} and wrap around at {@link #SLOTS}.
     */
    private static long ringMask(int w, int start, int length) {
        int end = start + length;
        if (end <= SLOTS) {
            return rangeMask(w, start, end);
        }
        return rangeMask(w, start, SLOTS) | rangeMask(w, 0, end - SLOTS);
    }

    /** The bits of word {@code w} among ring positions {@code [from, to)}. */
    private static long rangeMask(int w, int from, int to) {
        int lo = Math.max(from, w << 6);
        int hi = Math.min(to, (w << 6) + 64);
        if (lo >= hi) {
            return 0;
        }
        return (-1L >>> (64 - (hi - lo))) << (lo - (w << 6));
    }

    private void set(long slot, boolean on) {
        int i = (int) Math.floorMod(slot, (long) SLOTS);
        if (on) {
            bits[i >>> 6] |= 1L << (i & 63);
        } else {
            bits[i >>> 6] &= ~(1L << (i & 63));
        }
    }
}
