package dev.exdetect.features.stats;

/** Shannon entropy helpers. */
public final class Entropy {
    private Entropy() {}

    /**
     * Entropy in bits of a distribution {@code bits} relative to its maximum for {@code distinct}
     * outcomes: 1 for a uniform spread, 0 for a single outcome (and when there is only one).
     */
    public static double normalized(double bits, int distinct) {
        return distinct <= 1 ? 0 : Math.min(1, bits / (Math.log(distinct) / Math.log(2)));
    }
}
