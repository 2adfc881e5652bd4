package dev.exdetect.features.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlidingWindowCounterTest {

    /**
     * Brute-force reference at bucket granularity: the events whose bucket is one of the {@code
     * buckets} buckets ending with the bucket of {@code t}, among those not yet forgotten (a bucket
     * is forgotten once it falls out of the window of the newest event).
     */
    private static int reference(List<Long> events, int buckets, long width, long t) {
        long newest = Long.MIN_VALUE;
        for (long e : events) {
            newest = Math.max(newest, Math.floorDiv(e, width));
        }
        long end = Math.floorDiv(t, width);
        int count = 0;
        for (long e : events) {
            long b = Math.floorDiv(e, width);
            if (b > end - buckets && b <= end && b > newest - buckets) {
                count++;
            }
        }
        return count;
    }

    /** Events in the exact time window {@code (t - length, t]}. */
    private static int exact(List<Long> events, long length, long t) {
        int count = 0;
        for (long e : events) {
            if (e > t - length && e <= t) {
                count++;
            }
        }
        return count;
    }

    @Test
    void emptyCounterCountsZero() {
        SlidingWindowCounter c = SlidingWindowCounter.of(12, 5000);
        assertThat(c.count(0)).isZero();
        assertThat(c.count(123_456_789)).isZero();
        assertThat(c.windowMillis()).isEqualTo(60_000);
    }

    @Test
    void matchesBruteForceOnRandomMonotoneSequences() {
        Random random = new Random(41);
        for (int run = 0; run < 100; run++) {
            int buckets = 1 + random.nextInt(20);
            long width = 1 + random.nextInt(5000);
            long window = buckets * width;
            SlidingWindowCounter c = SlidingWindowCounter.of(buckets, width);
            List<Long> events = new ArrayList<>();
            long t = random.nextInt(1_000_000) - 500_000; // negative times too
            for (int i = 0; i < 300; i++) {
                // Mostly small steps, sometimes several events at once, sometimes a long gap.
                int kind = random.nextInt(20);
                if (kind == 0) {
                    t += window + random.nextInt((int) (3 * window));
                } else if (kind > 3) {
                    t += random.nextInt((int) Math.max(1, 2 * width));
                }
                c.add(t);
                events.add(t);
                assertThat(c.count(t))
                        .as("run %d event %d", run, i)
                        .isEqualTo(reference(events, buckets, width, t));
                // Also asked later than the newest event (e.g. by a timer).
                long later = t + random.nextInt((int) (2 * window));
                assertThat(c.count(later)).isEqualTo(reference(events, buckets, width, later));
                // Exact to within one bucket: between the exact counts of the window minus one
                // bucket and of the whole window.
                assertThat(c.count(t))
                        .isBetween(exact(events, window - width, t), exact(events, window, t));
            }
        }
    }

    @Test
    void matchesBruteForceOnSlightlyOutOfOrderSequences() {
        Random random = new Random(42);
        for (int run = 0; run < 100; run++) {
            int buckets = 2 + random.nextInt(15);
            long width = 1 + random.nextInt(2000);
            SlidingWindowCounter c = SlidingWindowCounter.of(buckets, width);
            List<Long> events = new ArrayList<>();
            long clock = random.nextInt(1_000_000);
            for (int i = 0; i < 300; i++) {
                clock += random.nextInt((int) width + 1);
                // Up to about a window late, so some events fall out of the window.
                long t = clock - random.nextInt((int) (buckets * width + width));
                c.add(t);
                events.add(t);
                long newestTime = events.stream().mapToLong(Long::longValue).max().getAsLong();
                assertThat(c.count(newestTime))
                        .as("run %d event %d at newest", run, i)
                        .isEqualTo(reference(events, buckets, width, newestTime));
                // The window ending at the (possibly late) event itself.
                assertThat(c.count(t))
                        .as("run %d event %d at its own time", run, i)
                        .isEqualTo(reference(events, buckets, width, t));
            }
        }
    }

    @Test
    void countsUpToOneBucketLessThanTheWindowAtBucketBoundaries() {
        SlidingWindowCounter c = SlidingWindowCounter.of(12, 5000);
        c.add(0);
        assertThat(c.count(0)).isEqualTo(1);
        assertThat(c.count(59_999)).isEqualTo(1);
        assertThat(c.count(60_000)).isZero();
        c.add(4_999); // same bucket as 0
        assertThat(c.count(59_999)).isEqualTo(2);
        assertThat(c.count(60_000)).isZero();
    }

    @Test
    void eventsOlderThanTheWindowAreIgnoredAndDoNotLeakIntoAReusedBucket() {
        SlidingWindowCounter c = SlidingWindowCounter.of(12, 5000);
        c.add(100_000); // bucket 20, window holds buckets 9..20
        // Bucket 8 is out of the window; its slot (8 mod 12) is that of bucket 20 itself.
        c.add(40_000);
        // Bucket 7 shares its slot with bucket 19, which is inside the window.
        c.add(35_000);
        assertThat(c.count(100_000)).isEqualTo(1);
        assertThat(c.count(95_000)).isZero();
        // An in-window late event does count.
        c.add(50_000);
        assertThat(c.count(100_000)).isEqualTo(2);
    }

    @Test
    void aLongGapResetsTheCounts() {
        SlidingWindowCounter c = SlidingWindowCounter.of(12, 5000);
        for (long t = 0; t < 30_000; t += 1000) {
            c.add(t);
        }
        assertThat(c.count(29_000)).isEqualTo(30);
        c.add(10 * 60_000);
        assertThat(c.count(10 * 60_000)).isEqualTo(1);
        // A gap of exactly one window length empties every bucket too.
        c.add(10 * 60_000 + 60_000);
        assertThat(c.count(10 * 60_000 + 60_000)).isEqualTo(1);
        assertThat(c.count(10 * 60_000 + 10 * 60_000)).isZero();
    }
}
