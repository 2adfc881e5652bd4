package dev.exdetect.rules.expr;

import dev.exdetect.features.Feature;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds conditions that can never hold because two thresholds on one feature exclude each other
 * inside an {@code and}, e.g. {@code requests_total > 500 and requests_total < 100}. Such a rule is
 * almost always a typo, and it would silently never fire.
 */
public final class Contradictions {
    private Contradictions() {}

    /** A description of the first contradiction in {@code condition}, if any. */
    public static Optional<String> find(Condition condition) {
        if (condition instanceof Condition.And and) {
            Map<Feature, Interval> bounds = new EnumMap<>(Feature.class);
            for (Condition part : conjuncts(and, new java.util.ArrayList<>())) {
                if (part instanceof Comparison c) {
                    Interval before = bounds.getOrDefault(c.feature(), Interval.ALL);
                    Interval after = before.intersect(c);
                    if (after.isEmpty()) {
                        return Optional.of(
                                "'"
                                        + c
                                        + "' contradicts "
                                        + before.describe(c.feature())
                                        + ": the condition can never hold");
                    }
                    bounds.put(c.feature(), after);
                }
            }
        }
        if (condition instanceof Condition.And and) {
            return firstOf(and.parts());
        }
        if (condition instanceof Condition.Or or) {
            return firstOf(or.parts());
        }
        if (condition instanceof Condition.Not not) {
            return find(not.inner());
        }
        return Optional.empty();
    }

    /**
     * The parts of nested {@code and}s, as one list: {@code (a and b) and c} is {@code a, b, c}.
     */
    private static java.util.List<Condition> conjuncts(
            Condition.And and, java.util.List<Condition> into) {
        for (Condition part : and.parts()) {
            if (part instanceof Condition.And inner) {
                conjuncts(inner, into);
            } else {
                into.add(part);
            }
        }
        return into;
    }

    private static Optional<String> firstOf(java.util.List<Condition> parts) {
        for (Condition p : parts) {
            if (!(p instanceof Comparison)) {
                Optional<String> found = find(p);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The set of values allowed so far: a lower and an upper bound, each open or closed. */
    private record Interval(double low, boolean lowOpen, double high, boolean highOpen) {
        static final Interval ALL =
                new Interval(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);
        static final Interval EMPTY = new Interval(1, true, 0, true);

        Interval intersect(Comparison c) {
            double t = c.threshold();
            return switch (c.op()) {
                case GE -> raiseLow(t, false);
                case GT -> raiseLow(t, true);
                case LE -> lowerHigh(t, false);
                case LT -> lowerHigh(t, true);
                case EQ -> raiseLow(t, false).lowerHigh(t, false);
                case NE -> low == t && high == t && !lowOpen && !highOpen ? EMPTY : this;
            };
        }

        private Interval raiseLow(double t, boolean open) {
            if (t > low || (t == low && open)) {
                return new Interval(t, open, high, highOpen);
            }
            return this;
        }

        private Interval lowerHigh(double t, boolean open) {
            if (t < high || (t == high && open)) {
                return new Interval(low, lowOpen, t, open);
            }
            return this;
        }

        boolean isEmpty() {
            return low > high || (low == high && (lowOpen || highOpen));
        }

        String describe(Feature f) {
            StringBuilder sb = new StringBuilder("the earlier bounds on ").append(f.id());
            if (low != Double.NEGATIVE_INFINITY) {
                sb.append(lowOpen ? " > " : " >= ").append(Operator.format(low));
            }
            if (high != Double.POSITIVE_INFINITY) {
                sb.append(low != Double.NEGATIVE_INFINITY ? " and" : "")
                        .append(highOpen ? " < " : " <= ")
                        .append(Operator.format(high));
            }
            return sb.toString();
        }
    }
}
