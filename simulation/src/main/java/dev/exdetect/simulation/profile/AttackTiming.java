package dev.exdetect.simulation.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * When attackers send: how an attack client picks the pause before its next request. Every mode
 * keeps the attack's mean pace (its mean pause); only the spread of the pauses changes. Benign
 * clients are not affected.
 *
 * <ul>
 *   <li>{@link #SCRIPTED} (the default): each family's own pace, as the benchmark was calibrated
 *       on: most attacks on a jittered timer (pauses uniform within a fraction of the mean), mixing
 *       attackers with Poisson arrivals.
 *   <li>{@link #POISSON}: exponential pauses with the same mean (Poisson arrivals, coefficient of
 *       variation 1), as a careful attacker that randomizes its timer would send.
 *   <li>{@link #BURSTY}: bursts of {@value #MIN_BURST} to {@value #MAX_BURST} requests a short
 *       exponential gap apart (a tenth of the mean), separated by long exponential pauses sized so
 *       that the mean pause stays the same: a coefficient of variation near 3, like human activity.
 * </ul>
 */
public enum AttackTiming {
    SCRIPTED,
    POISSON,
    BURSTY;

    /** Fewest requests in a burst ({@link #BURSTY}). */
    public static final int MIN_BURST = 4;

    /** Most requests in a burst ({@link #BURSTY}). */
    public static final int MAX_BURST = 12;

    /** Mean gap inside a burst, as a share of the mean pause ({@link #BURSTY}). */
    public static final double BURST_GAP_SHARE = 0.1;

    /** The name on the command line and in reports: {@code scripted}, {@code poisson}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code id}; the message lists the valid ones. */
    public static AttackTiming byId(String id) {
        for (AttackTiming t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "unknown attack timing '"
                        + id
                        + "'; expected one of: "
                        + String.join(
                                ", ", Arrays.stream(values()).map(AttackTiming::id).toList()));
    }

    /**
     * The pause generator of one attack client in this mode (not {@link #SCRIPTED}, whose pauses
     * are each family's own): stateful for {@link #BURSTY}, so one per client.
     */
    public Pauses pauses() {
        return switch (this) {
            case SCRIPTED -> throw new IllegalStateException("scripted pauses are the family's");
            case POISSON -> (random, mean) -> Timing.exponential(random, mean);
            case BURSTY -> new Bursts();
        };
    }

    /** Draws the pauses of one client. */
    @FunctionalInterface
    public interface Pauses {
        /** The pause before the next request, for a mean pause of {@code meanMillis}. */
        long next(Random random, double meanMillis);
    }

    /**
     * Bursts of k requests (k uniform in [MIN_BURST, MAX_BURST]) with k - 1 short gaps of mean g =
     * BURST_GAP_SHARE * mean, then one long pause of mean k * mean - (k - 1) * g: the k gaps of a
     * burst average to the mean pause, whatever k is.
     */
    private static final class Bursts implements Pauses {
        private int left;

        @Override
        public long next(Random random, double meanMillis) {
            double gap = BURST_GAP_SHARE * meanMillis;
            if (left > 0) {
                left--;
                return Timing.exponential(random, gap);
            }
            int k = MIN_BURST + random.nextInt(MAX_BURST - MIN_BURST + 1);
            left = k - 1;
            return Timing.exponential(random, k * meanMillis - (k - 1) * gap);
        }
    }
}
