package dev.exdetect.simulation.profile;

import java.util.Random;

/**
 * When a client sends its next request: the pause after the request it sent at event time {@code
 * now}. A world's cohorts choose one per client (a job on a timer, random arrivals, a person's
 * sessions, bursts); the seed benchmark's families keep their own pauses.
 */
public interface Pacing {
    /** Milliseconds from the request sent at {@code nowMillis} to the next, at least 1. */
    long next(long nowMillis, Random random);

    /** The mean pause, roughly (to plan how long a budget takes), over a whole day. */
    double meanMillis();

    /**
     * The mean pause where people's activity ({@link Timing#diurnal}) averages {@code activity}:
     * longer at night for pacings that follow the day, the same for the others.
     */
    default double meanMillis(double activity) {
        return meanMillis();
    }

    /** The same pacing with every pause {@code factor} times as long. */
    Pacing scaled(double factor);

    /**
     * A timer: {@code periodMillis}, each pause off by up to {@code jitter} of it (a job queue
     * drained on a schedule, a script's sleep).
     */
    static Pacing timer(double periodMillis, double jitter) {
        return new Timer(periodMillis, jitter);
    }

    /** Random arrivals (exponential pauses) with mean {@code meanMillis}. */
    static Pacing poisson(double meanMillis) {
        return new Poisson(meanMillis, false);
    }

    /**
     * Random arrivals whose rate follows the daily cycle of people ({@link Timing#diurnal}): an app
     * serving users, with mean pause {@code meanMillis} at the busiest time of day.
     */
    static Pacing diurnalPoisson(double meanMillis) {
        return new Poisson(meanMillis, true);
    }

    /** Bursts of 4 to 12 requests, as {@link AttackTiming#BURSTY}, with mean {@code meanMillis}. */
    static Pacing bursty(double meanMillis) {
        return new Bursty(meanMillis, AttackTiming.BURSTY.pauses());
    }

    /** See {@link #timer}. */
    record Timer(double periodMillis, double jitter) implements Pacing {
        @Override
        public long next(long nowMillis, Random random) {
            return Timing.jittered(random, periodMillis, jitter);
        }

        @Override
        public double meanMillis() {
            return periodMillis;
        }

        @Override
        public Pacing scaled(double factor) {
            return new Timer(periodMillis * factor, jitter);
        }
    }

    /** See {@link #poisson} and {@link #diurnalPoisson}. */
    record Poisson(double meanMillis, boolean diurnal) implements Pacing {
        @Override
        public double meanMillis(double activity) {
            return diurnal ? meanMillis / activity : meanMillis;
        }

        @Override
        public long next(long nowMillis, Random random) {
            return diurnal
                    ? Timing.diurnalExponential(random, meanMillis, nowMillis)
                    : Timing.exponential(random, meanMillis);
        }

        @Override
        public Pacing scaled(double factor) {
            return new Poisson(meanMillis * factor, diurnal);
        }
    }

    /** See {@link #bursty}: stateful, so one per client. */
    final class Bursty implements Pacing {
        private final double meanMillis;
        private final AttackTiming.Pauses pauses;

        private Bursty(double meanMillis, AttackTiming.Pauses pauses) {
            this.meanMillis = meanMillis;
            this.pauses = pauses;
        }

        @Override
        public long next(long nowMillis, Random random) {
            return pauses.next(random, meanMillis);
        }

        @Override
        public double meanMillis() {
            return meanMillis;
        }

        @Override
        public Pacing scaled(double factor) {
            return new Bursty(meanMillis * factor, AttackTiming.BURSTY.pauses());
        }
    }
}
