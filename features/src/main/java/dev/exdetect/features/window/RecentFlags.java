package dev.exdetect.features.window;

/**
 * The last up to 64 yes/no observations as a bit mask, for ratios such as "share of the last 64
 * queries that were near-duplicates". Bounded: 12 bytes. A Flink POJO.
 */
public class RecentFlags {
    /** Bit 0 is the newest observation. */
    public long bits;

    /** Observations recorded, capped at 64. */
    public int count;

    /** For Flink's POJO serializer. */
    public RecentFlags() {}

    /** Records one observation. */
    public void add(boolean flag) {
        bits = (bits << 1) | (flag ? 1L : 0L);
        count = Math.min(count + 1, Long.SIZE);
    }

    /** Share of recorded observations that were true; 0 when there are none. */
    public double ratio() {
        return count == 0 ? 0.0 : (double) Long.bitCount(bits) / count;
    }
}
