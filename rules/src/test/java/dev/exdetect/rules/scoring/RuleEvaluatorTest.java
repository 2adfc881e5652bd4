package dev.exdetect.rules.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.rules.expr.ExpressionParser;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.model.SeverityBands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static Rule rule(String id, String when, long minRequests, double score)
            throws Exception {
        return new Rule(
                id,
                1,
                "test",
                AttackType.UNKNOWN,
                Instant.EPOCH,
                when,
                ExpressionParser.parse(when),
                minRequests,
                score,
                Response.monitor(),
                false);
    }

    private static Firing firing(double score) throws Exception {
        return new Firing(rule("r" + score, "requests_total > 0", 0, score), List.of());
    }

    private static FeatureVector vector(Object... featureValuePairs) {
        FeatureVector v = new FeatureVector();
        for (int i = 0; i < featureValuePairs.length; i += 2) {
            v.set(
                    (Feature) featureValuePairs[i],
                    ((Number) featureValuePairs[i + 1]).doubleValue());
        }
        return v;
    }

    @Test
    void noisyOrKnownValues() throws Exception {
        assertThat(RuleEvaluator.riskScore(List.of())).isZero();
        assertThat(RuleEvaluator.riskScore(List.of(firing(0.6)))).isCloseTo(0.6, within(1e-12));
        assertThat(RuleEvaluator.riskScore(List.of(firing(0.6), firing(0.6))))
                .isCloseTo(0.84, within(1e-12));
        assertThat(RuleEvaluator.riskScore(List.of(firing(1.0), firing(0.3)))).isEqualTo(1.0);
    }

    @Test
    void noisyOrIsTheChanceThatAtLeastOneIndependentRuleIsRight() throws Exception {
        // Inclusion-exclusion for three independent events.
        Random r = new Random(111);
        for (int i = 0; i < 1000; i++) {
            double a = r.nextDouble(), b = r.nextDouble(), c = r.nextDouble();
            double union = a + b + c - a * b - a * c - b * c + a * b * c;
            List<Firing> firings = new ArrayList<>(List.of(firing(a), firing(b), firing(c)));
            assertThat(RuleEvaluator.riskScore(firings)).isCloseTo(union, within(1e-12));
            Collections.shuffle(firings, r);
            assertThat(RuleEvaluator.riskScore(firings)).isCloseTo(union, within(1e-12));
        }
    }

    @Test
    void riskStaysInUnitIntervalAndGrowsWithEveryFiring() throws Exception {
        Random r = new Random(112);
        List<Firing> firings = new ArrayList<>();
        double previous = 0;
        for (int i = 0; i < 200; i++) {
            firings.add(firing(0.001 + 0.998 * r.nextDouble()));
            double risk = RuleEvaluator.riskScore(firings);
            assertThat(risk).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = risk;
        }
    }

    @Test
    void minRequestsGatesFiring() throws Exception {
        Rule gated = rule("gated", "requests_last_minute >= 120", 40, 0.5);
        FeatureVector busy = vector(Feature.REQUESTS_LAST_MINUTE, 150);
        assertThat(RuleEvaluator.evaluate(List.of(gated), busy, 39)).isEmpty();
        assertThat(RuleEvaluator.evaluate(List.of(gated), busy, 40)).hasSize(1);
        assertThat(
                        RuleEvaluator.evaluate(
                                List.of(gated), vector(Feature.REQUESTS_LAST_MINUTE, 119), 1000))
                .isEmpty();
        Rule ungated = rule("ungated", "requests_last_minute >= 120", 0, 0.5);
        assertThat(RuleEvaluator.evaluate(List.of(ungated), busy, 0)).hasSize(1);
    }

    @Test
    void firingsKeepRuleOrderAndListTheComparisonsThatHeld() throws Exception {
        Rule a = rule("a", "requests_total > 100", 0, 0.5);
        Rule b =
                rule(
                        "b",
                        "requests_total > 5 or near_duplicate_ratio >= 0.6 and"
                                + " text_requests_recent >= 32",
                        0,
                        0.4);
        Rule c = rule("c", "requests_last_hour >= 600", 0, 0.3);
        Rule d = rule("d", "near_duplicate_ratio >= 0.9", 0, 0.3);
        FeatureVector v =
                vector(
                        Feature.REQUESTS_TOTAL, 200,
                        Feature.NEAR_DUPLICATE_RATIO, 0.7,
                        Feature.TEXT_REQUESTS_RECENT, 10,
                        Feature.REQUESTS_LAST_HOUR, 700);
        List<Firing> firings = RuleEvaluator.evaluate(List.of(d, c, b, a), v, 200);
        assertThat(firings).extracting(f -> f.rule().id()).containsExactly("c", "b", "a");
        Firing fb = firings.get(1);
        assertThat(fb.crossed())
                .extracting(Object::toString)
                .containsExactly("requests_total > 5", "near_duplicate_ratio >= 0.6");
        assertThat(firings.get(0).crossed())
                .extracting(Object::toString)
                .containsExactly("requests_last_hour >= 600");
        assertThat(RuleEvaluator.riskScore(firings))
                .isCloseTo(1 - (1 - 0.3) * (1 - 0.4) * (1 - 0.5), within(1e-12));
    }

    @Test
    void undefinedFeaturesNeverFire() throws Exception {
        Rule r = rule("r", "near_duplicate_ratio < 0.3", 0, 0.7);
        assertThat(RuleEvaluator.evaluate(List.of(r), new FeatureVector(), 1000)).isEmpty();
    }

    @Test
    void severityBands() {
        SeverityBands bands = SeverityBands.defaults();
        assertThat(bands.severityOf(0)).isEqualTo(Severity.LOW);
        assertThat(bands.severityOf(0.3999)).isEqualTo(Severity.LOW);
        assertThat(bands.severityOf(0.4)).isEqualTo(Severity.MEDIUM);
        assertThat(bands.severityOf(0.6999)).isEqualTo(Severity.MEDIUM);
        assertThat(bands.severityOf(0.7)).isEqualTo(Severity.HIGH);
        assertThat(bands.severityOf(0.9)).isEqualTo(Severity.CRITICAL);
        assertThat(bands.severityOf(1.0)).isEqualTo(Severity.CRITICAL);
    }
}
