package dev.exdetect.rules.expr;

import dev.exdetect.features.engine.FeatureVector;
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
    }

    /** {@code inner} does not hold. */
    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(FeatureVector features) {
            return !inner.test(features);
        }

        @Override
        public void forEachComparison(Consumer<Comparison> action) {
            inner.forEachComparison(action);
        }
    }
}
