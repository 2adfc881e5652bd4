package dev.exdetect.features.window;

/**
 * Counts events over a sliding event-time window, in fixed buckets.
 *
 * <p>The window is {@code buckets * bucketMillis} long and slides one bucket at a time, so a count
 * is exact to within one bucket. State is one int per bucket and two longs: bounded whatever the
 * event rate. Events older than the window are ignored; events out of order within the window count
 * in their own bucket. A Flink POJO.
 */
public class SlidingWindowCounter {
    /** Event counts, indexed by absolute bucket number modulo the bucket count. */
    public int[] counts;

    /** Bucket width in milliseconds. */
    public long bucketMillis;

    /** Absolute number ({@code timestamp / bucketMillis}) of the newest bucket. */
    public long newestBucket;

    /** For Flink's POJO serializer. */
    public SlidingWindowCounter() {}

    /** A window of {@code buckets} buckets of {@code bucketMillis} each. */
    public static SlidingWindowCounter of(int buckets, long bucketMillis) {
        SlidingWindowCounter c = new SlidingWindowCounter();
        c.counts = new int[buckets];
        c.bucketMillis = bucketMillis;
        c.newestBucket = Long.MIN_VALUE;
        return c;
    }

    /** Window length in milliseconds. */
    public long windowMillis() {
        return counts.length * bucketMillis;
    }

    /** Counts one event at {@code timestampMillis}. */
    public void add(long timestampMillis) {
        long bucket = Math.floorDiv(timestampMillis, bucketMillis);
        advanceTo(bucket);
        if (bucket > newestBucket - counts.length) {
            counts[(int) Math.floorMod(bucket, (long) counts.length)]++;
        }
    }

    /** Events in the window that ends at {@code timestampMillis} (inclusive). */
    public int count(long timestampMillis) {
        long bucket = Math.floorDiv(timestampMillis, bucketMillis);
        if (newestBucket == Long.MIN_VALUE || bucket - newestBucket >= counts.length) {
            return 0;
        }
        int sum = 0;
        long oldest = Math.max(bucket - counts.length + 1, newestBucket - counts.length + 1);
        for (long b = oldest; b <= Math.min(bucket, newestBucket); b++) {
            sum += counts[(int) Math.floorMod(b, (long) counts.length)];
        }
        return sum;
    }

    private void advanceTo(long bucket) {
        if (newestBucket == Long.MIN_VALUE) {
            newestBucket = bucket;
            return;
        }
        if (bucket <= newestBucket) {
            return;
        }
        long gap = bucket - newestBucket;
        if (gap >= counts.length) {
            java.util.Arrays.fill(counts, 0);
        } else {
            for (long b = newestBucket + 1; b <= bucket; b++) {
                counts[(int) Math.floorMod(b, (long) counts.length)] = 0;
            }
        }
        newestBucket = bucket;
    }
}
