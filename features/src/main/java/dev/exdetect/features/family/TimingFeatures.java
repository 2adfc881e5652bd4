package dev.exdetect.features.family;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.stats.ExpMovingStats;
import dev.exdetect.features.window.SlidingWindowCounter;

/**
 * Rate and timing: requests per minute, hour and day; regularity of the gaps between requests
 * (scripts are regular, people are bursty); how many hours of the day the client is active (scripts
 * run around the clock). All in event time.
 */
public final class TimingFeatures {
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Weight of a new gap: the last ~32 gaps dominate. */
    static final double GAP_WEIGHT = 1.0 / 32;

    /** Gaps needed before regularity is reported. */
    static final int MIN_GAPS = 8;

    private TimingFeatures() {}

    /** Fresh state. */
    public static TimingState newState() {
        TimingState s = new TimingState();
        s.perMinute = SlidingWindowCounter.of(12, 5 * SECOND);
        s.perHour = SlidingWindowCounter.of(12, 5 * MINUTE);
        s.perDay = SlidingWindowCounter.of(24, HOUR);
        s.gaps = new ExpMovingStats();
        s.lastMillis = Long.MIN_VALUE;
        s.hourLastDay = new int[24];
        return s;
    }

    /** Records a request at event time {@code t}. */
    public static void update(TimingState s, long t) {
        s.perMinute.add(t);
        s.perHour.add(t);
        s.perDay.add(t);
        if (s.lastMillis != Long.MIN_VALUE) {
            // Requests are processed in event-time order; a late one counts as a zero gap.
            s.gaps.add(Math.max(0, t - s.lastMillis) / 1000.0, GAP_WEIGHT);
        }
        s.lastMillis = Math.max(s.lastMillis, t);
        long day = Math.floorDiv(t, DAY);
        int hour = (int) Math.floorMod(Math.floorDiv(t, HOUR), 24L);
        s.hourLastDay[hour] = (int) Math.max(s.hourLastDay[hour], day + 1);
    }

    /** Writes the timing features as of event time {@code t}. */
    public static void report(TimingState s, long t, FeatureVector v) {
        v.set(Feature.REQUESTS_LAST_MINUTE, s.perMinute.count(t));
        v.set(Feature.REQUESTS_LAST_HOUR, s.perHour.count(t));
        v.set(Feature.REQUESTS_LAST_DAY, s.perDay.count(t));
        if (s.gaps.count >= MIN_GAPS) {
            double cv = s.gaps.coefficientOfVariation();
            if (!Double.isNaN(cv)) {
                v.set(Feature.INTER_ARRIVAL_CV, cv);
                v.set(Feature.BURSTINESS, (cv - 1) / (cv + 1));
            }
        }
        long today = Math.floorDiv(t, DAY);
        int active = 0;
        for (int lastDay : s.hourLastDay) {
            if (lastDay > 0 && today - (lastDay - 1) < 7) {
                active++;
            }
        }
        v.set(Feature.ACTIVE_HOURS_LAST_WEEK, active);
    }
}
