package dev.exdetect.simulation.profile;

import java.util.Random;

/** Inter-request delays: random draws and the daily rhythm of human-driven traffic. */
public final class Timing {
    private static final long DAY = 86_400_000L;

    private Timing() {}

    /** An exponential delay (Poisson arrivals) with the given mean, at least 1 ms. */
    public static long exponential(Random random, double meanMillis) {
        return Math.max(1, (long) (-meanMillis * Math.log(1 - random.nextDouble())));
    }

    /** A delay drawn uniformly from {@code [lo, hi)}. */
    public static long uniform(Random random, long lo, long hi) {
        return lo + (long) ((hi - lo) * random.nextDouble());
    }

    /** {@code mean} times a factor drawn uniformly from {@code [1 - spread, 1 + spread)}. */
    public static long jittered(Random random, double meanMillis, double spread) {
        return Math.max(1, (long) (meanMillis * (1 - spread + 2 * spread * random.nextDouble())));
    }

    /**
     * Activity of human-driven traffic at {@code nowMillis}, between 0.25 (04:00 UTC) and 1 (16:00
     * UTC): a smooth daily cycle.
     */
    public static double diurnal(long nowMillis) {
        double hour = Math.floorMod(nowMillis, DAY) / 3_600_000.0;
        return 0.25 + 0.75 * (0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 4) / 24));
    }

    /** The mean of {@link #diurnal} from {@code fromMillis} for {@code spanMillis}. */
    public static double meanDiurnal(long fromMillis, long spanMillis) {
        int steps = (int) Math.max(1, spanMillis / 60_000);
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            sum += diurnal(fromMillis + (long) ((i + 0.5) * spanMillis / steps));
        }
        return sum / steps;
    }

    /** An exponential delay whose rate follows the {@link #diurnal} cycle. */
    public static long diurnalExponential(Random random, double meanMillis, long nowMillis) {
        return exponential(random, meanMillis / diurnal(nowMillis));
    }

    /**
     * A value drawn log-uniformly from {@code [lo, hi)}: rates spread over an order of magnitude.
     */
    public static double logUniform(Random random, double lo, double hi) {
        return lo * Math.pow(hi / lo, random.nextDouble());
    }
}
