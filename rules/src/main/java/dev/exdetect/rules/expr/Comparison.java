package dev.exdetect.rules.expr;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;

/**
 * {@code feature op threshold}, e.g. {@code near_duplicate_ratio >= 0.6}.
 *
 * @param feature the feature compared
 * @param op the comparison operator
 * @param threshold the constant it is compared with
 * @param column 1-based position in the expression, for messages
 */
public record Comparison(Feature feature, Operator op, double threshold, int column)
        implements Condition {

    @Override
    public boolean test(FeatureVector features) {
        double value = features.get(feature);
        return !Double.isNaN(value) && op.test(value, threshold);
    }

    @Override
    public void forEachComparison(java.util.function.Consumer<Comparison> action) {
        action.accept(this);
    }

    @Override
    public Condition withThresholds(java.util.Map<Feature, Double> thresholds) {
        Double t = thresholds.get(feature);
        return t == null ? this : new Comparison(feature, op, t, column);
    }

    @Override
    public String text() {
        return toString();
    }

    @Override
    public String toString() {
        return feature.id() + " " + op.symbol() + " " + Operator.format(threshold);
    }
}
