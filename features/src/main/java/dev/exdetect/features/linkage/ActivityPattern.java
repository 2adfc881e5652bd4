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

    /** Ring of slot bits, indexed by absolute slot number modulo {@link #SLOTS}. */
    public long[] bits;

    /** Absolute number of the newest slot recorded; Long.MIN_VALUE when empty. */
    public long newestSlot = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public ActivityPattern() {}

    /** No activity yet. */
    public static ActivityPattern empty() {
        ActivityPattern p = new ActivityPattern();
        p.bits = new long[(SLOTS + 63) / 64];
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
        int both = 0;
        int either = 0;
        for (long s = newest - SLOTS + 1; s <= newest; s++) {
            boolean x = a.active(s);
            boolean y = b.active(s);
            if (x && y) {
                both++;
            }
            if (x || y) {
                either++;
            }
        }
        return either < minSlots ? 0 : (double) both / either;
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
