package dev.exdetect.rules.scoring;

import dev.exdetect.features.FeatureVector;
import dev.exdetect.rules.expr.Comparison;
import dev.exdetect.rules.expr.Condition;
import dev.exdetect.rules.model.Rule;
import java.util.ArrayList;
import java.util.List;

/** Evaluates rules against a client's features and combines the firings into a risk score. */
public final class RuleEvaluator {
    private RuleEvaluator() {}

    /** The rules of {@code rules} that fire, in the given order. */
    public static List<Firing> evaluate(
            Iterable<Rule> rules, FeatureVector features, long requestCount) {
        List<Firing> firings = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.fires(features, requestCount)) {
                List<Comparison> crossed = new ArrayList<>();
                collectCrossed(rule.condition(), features, crossed);
                firings.add(new Firing(rule, List.copyOf(crossed)));
            }
        }
        return firings;
    }

    /**
     * The comparisons that held and argued for the rule firing: those under a {@code not} argued
     * against it and are left out.
     */
    private static void collectCrossed(Condition c, FeatureVector features, List<Comparison> into) {
        if (c instanceof Comparison comparison) {
            if (comparison.test(features)) {
                into.add(comparison);
            }
        } else if (c instanceof Condition.And and) {
            and.parts().forEach(p -> collectCrossed(p, features, into));
        } else if (c instanceof Condition.Or or) {
            or.parts().forEach(p -> collectCrossed(p, features, into));
        }
    }

    /**
     * Combines rule scores as independent evidence (noisy-or): {@code 1 - prod(1 - score)}. One
     * rule at 0.6 gives 0.6; two at 0.6 give 0.84; the result stays in [0, 1] however many fire.
     */
    public static double riskScore(List<Firing> firings) {
        double notRisky = 1.0;
        for (Firing f : firings) {
            notRisky *= 1.0 - f.rule().score();
        }
        return 1.0 - notRisky;
    }
}
