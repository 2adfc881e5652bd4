package dev.exdetect.features;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of all {@link Feature}s for one client after one event. A value is {@code NaN} when it
 * is not defined for the client yet (for example a text feature of a client that only sent
 * vectors); comparisons with NaN are false, so rules never fire on missing evidence.
 */
public final class FeatureVector {
    private static final Feature[] FEATURES = Feature.values();
    private final double[] values = new double[FEATURES.length];

    /** A vector with every value undefined. */
    public FeatureVector() {
        Arrays.fill(values, Double.NaN);
    }

    /** The value of {@code feature}, NaN when undefined. */
    public double get(Feature feature) {
        return values[feature.ordinal()];
    }

    /** Sets the value of {@code feature}. */
    public FeatureVector set(Feature feature, double value) {
        values[feature.ordinal()] = value;
        return this;
    }

    /** Defined values by feature id, in catalogue order. */
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Feature f : FEATURES) {
            double v = values[f.ordinal()];
            if (!Double.isNaN(v)) {
                map.put(f.id(), v);
            }
        }
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
