package dev.exdetect.features.stats;

/**
 * Exponentially weighted mean and variance of a stream (West 1979 incremental form), for "recent"
 * statistics in 20 bytes: with weight {@code alpha} the last {@code 1 / alpha} values carry about
 * 63% of the weight. A Flink POJO.
 */
public class ExpMovingStats {
    /** Weighted mean; 0 before the first value. */
    public double mean;

    /** Weighted variance. */
    public double variance;

    /** Values seen (saturates at Integer.MAX_VALUE). */
    public int count;

    /** For Flink's POJO serializer. */
    public ExpMovingStats() {}

    /** Adds {@code x} with weight {@code alpha} (0 < alpha <= 1). */
    public void add(double x, double alpha) {
        if (count == 0) {
            mean = x;
            variance = 0;
        } else {
            double diff = x - mean;
            double increment = alpha * diff;
            mean += increment;
            variance = (1 - alpha) * (variance + diff * increment);
        }
        if (count < Integer.MAX_VALUE) {
            count++;
        }
    }

    /**
     * Largest coefficient of variation reported. After a run of zeros the weighted mean decays like
     * {@code (1 - alpha)^n} but the deviation only like its square root, so the ratio grows without
     * bound (gaps of requests sent in the same millisecond reached 1e13); beyond this it says
     * nothing more than "very bursty".
     */
    public static final double MAX_COEFFICIENT_OF_VARIATION = 100;

    /**
     * Standard deviation over mean, at most {@link #MAX_COEFFICIENT_OF_VARIATION}; NaN when the
     * mean is 0 or nothing was added.
     */
    public double coefficientOfVariation() {
        return count == 0 || mean <= 0
                ? Double.NaN
                : Math.min(MAX_COEFFICIENT_OF_VARIATION, Math.sqrt(variance) / mean);
    }
}
