package dev.exdetect.rules.scoring;

import dev.exdetect.features.engine.FeatureVector;
import dev.exdetect.rules.expr.Comparison;
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
                rule.condition()
                        .forEachComparison(
                                c -> {
                                    if (c.test(features)) {
                                        crossed.add(c);
                                    }
                                });
                firings.add(new Firing(rule, List.copyOf(crossed)));
            }
        }
        return firings;
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
