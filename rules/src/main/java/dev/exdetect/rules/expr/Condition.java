package dev.exdetect.rules.expr;

import dev.exdetect.features.FeatureVector;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * A condition over feature values, parsed from a rule's {@code when} by {@link ExpressionParser}. A
 * comparison with an undefined (NaN) feature is false, so a rule never fires for lack of data.
 */
public sealed interface Condition extends Serializable
        permits Comparison, Condition.And, Condition.Or, Condition.Not {

    /** True when the condition holds for {@code features}. */
    boolean test(FeatureVector features);

    /** Calls {@code action} with every comparison in the condition, left to right. */
    void forEachComparison(Consumer<Comparison> action);

    /**
     * The same condition with the threshold of every comparison on a feature in {@code thresholds}
     * replaced (per-tenant overrides).
     */
    Condition withThresholds(java.util.Map<dev.exdetect.features.Feature, Double> thresholds);

    /** The condition in the expression language (parses back to an equal condition). */
    String text();

    /** All of {@code parts} hold. */
    record And(List<Condition> parts) implements Condition {
        @Override
        public boolean test(FeatureVector features) {
            for (Condition c : parts) {
                if (!c.test(features)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void forEachComparison(Consumer<Comparison> action) {
            parts.forEach(p -> p.forEachComparison(action));
        }

        @Override
        public Condition withThresholds(
                java.util.Map<dev.exdetect.features.Feature, Double> thresholds) {
            return new And(parts.stream().map(p -> p.withThresholds(thresholds)).toList());
        }

        @Override
        public String text() {
            return String.join(
                    " and ",
                    parts.stream()
                            .map(p -> p instanceof Or ? "(" + p.text() + ")" : p.text())
                            .toList());
        }
    }

    /** At least one of {@code parts} holds. */
    record Or(List<Condition> parts) implements Condition {
        @Override
        public boolean test(FeatureVector features) {
            for (Condition c : parts) {
                if (c.test(features)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void forEachComparison(Consumer<Comparison> action) {
            parts.forEach(p -> p.forEachComparison(action));
        }

        @Override
        public Condition withThresholds(
                java.util.Map<dev.exdetect.features.Feature, Double> thresholds) {
            return new Or(parts.stream().map(p -> p.withThresholds(thresholds)).toList());
        }

        @Override
        public String text() {
            return String.join(" or ", parts.stream().map(Condition::text).toList());
        }
    }

    /**
     * True when every feature the condition reads is defined (not NaN). A negation holds only then:
     * {@code not (x >= 5)} must not fire for a client on which {@code x} is unknown.
     */
    default boolean defined(FeatureVector features) {
        boolean[] ok = {true};
        forEachComparison(c -> ok[0] &= !Double.isNaN(features.get(c.feature())));
        return ok[0];
    }

    /** {@code inner} does not hold (and every feature it reads is defined). */
    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(FeatureVector features) {
            return inner.defined(features) && !inner.test(features);
        }

        @Override
        public void forEachComparison(Consumer<Comparison> action) {
            inner.forEachComparison(action);
        }

        @Override
        public Condition withThresholds(
                java.util.Map<dev.exdetect.features.Feature, Double> thresholds) {
            return new Not(inner.withThresholds(thresholds));
        }

        @Override
        public String text() {
            return inner instanceof Comparison
                    ? "not " + inner.text()
                    : "not (" + inner.text() + ")";
        }
    }
}
