package dev.exdetect.simulation.profile;

import java.util.Random;

/**
 * A person's pace: sessions of a geometric number of requests (mean {@code meanLength}) with
 * reading pauses drawn uniformly from {@code [pauseMin, pauseMax)}, and breaks between sessions
 * that are exponential with mean {@code meanBreakMillis} at the busiest time of day and longer at
 * night ({@link Timing#diurnal}). Stateful (where in its session the person is): one per client.
 */
public final class Sessions implements Pacing {
    /** Mean of {@link Timing#diurnal} over a day, for {@link #meanMillis()}. */
    public static final double MEAN_ACTIVITY = 0.625;

    private final double meanLength;
    private final long pauseMin;
    private final long pauseMax;
    private final double meanBreakMillis;
    private int sessionLeft;

    /** A person whose first session's length is drawn from {@code setup}. */
    public Sessions(
            double meanLength, long pauseMin, long pauseMax, double meanBreakMillis, Random setup) {
        this.meanLength = meanLength;
        this.pauseMin = pauseMin;
        this.pauseMax = pauseMax;
        this.meanBreakMillis = meanBreakMillis;
        this.sessionLeft = length(setup);
    }

    private Sessions(Sessions s, double factor) {
        this.meanLength = s.meanLength;
        this.pauseMin = (long) (s.pauseMin * factor);
        this.pauseMax = Math.max(this.pauseMin + 1, (long) (s.pauseMax * factor));
        this.meanBreakMillis = s.meanBreakMillis * factor;
        this.sessionLeft = s.sessionLeft;
    }

    @Override
    public long next(long nowMillis, Random random) {
        if (--sessionLeft > 0) {
            return Math.max(1, Timing.uniform(random, pauseMin, pauseMax));
        }
        sessionLeft = length(random);
        return Timing.diurnalExponential(random, meanBreakMillis, nowMillis);
    }

    @Override
    public double meanMillis() {
        return meanMillis(MEAN_ACTIVITY);
    }

    @Override
    public double meanMillis(double activity) {
        double pause = (pauseMin + pauseMax) / 2.0;
        return ((meanLength - 1) * pause + meanBreakMillis / activity) / meanLength;
    }

    @Override
    public Pacing scaled(double factor) {
        return new Sessions(this, factor);
    }

    /** Geometric, at least 1, with the configured mean. */
    private int length(Random random) {
        double p = 1 / meanLength;
        return 1 + (int) (Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }
}
