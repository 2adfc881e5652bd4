package dev.exdetect.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ContradictionsTest {

    private static java.util.Optional<String> find(String expr) throws ExpressionException {
        return Contradictions.find(ExpressionParser.parse(expr));
    }

    @Test
    void excludingBoundsOnOneFeatureAreFound() throws Exception {
        assertThat(find("requests_total > 500 and requests_total < 100"))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .contains("'requests_total < 100'")
                                        .contains("requests_total > 500")
                                        .contains("can never hold"));
        assertThat(find("requests_total > 5 and requests_total <= 5")).isPresent();
        assertThat(find("requests_total >= 5 and requests_total < 5")).isPresent();
        assertThat(find("requests_total == 3 and requests_total == 4")).isPresent();
        assertThat(find("requests_total == 3 and requests_total > 3")).isPresent();
        // Nested inside or / not / parentheses.
        assertThat(
                        find(
                                "requests_last_minute > 1 or (requests_total > 500 and"
                                        + " requests_total < 100)"))
                .isPresent();
        assertThat(find("not (requests_total > 500 and requests_total < 100)")).isPresent();
    }

    @Test
    void satisfiableConditionsAreNotReported() throws Exception {
        assertThat(find("requests_total >= 5 and requests_total <= 5")).isEmpty();
        assertThat(find("requests_total > 5 and requests_total < 6")).isEmpty();
        assertThat(find("requests_total > 500 or requests_total < 100")).isEmpty();
        assertThat(find("requests_total > 500 and requests_last_hour < 100")).isEmpty();
        assertThat(find("requests_total == 5 and requests_total >= 5")).isEmpty();
        assertThat(find("requests_total > 5")).isEmpty();
    }

    @Test
    void aConjunctionOfBoundsIsReportedExactlyWhenNoValueSatisfiesIt() throws Exception {
        // Brute force: with thresholds drawn from a few integers, some value among the
        // thresholds, the half-way points and far-away values satisfies a satisfiable
        // conjunction of bounds. (!= is not a bound and is left out.)
        String[] ops = {">=", ">", "<=", "<", "=="};
        Random r = new Random(91);
        for (int trial = 0; trial < 3000; trial++) {
            int n = 2 + r.nextInt(3);
            List<String> parts = new ArrayList<>();
            List<String> partOps = new ArrayList<>();
            List<Integer> thresholds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String op = ops[r.nextInt(ops.length)];
                int t = r.nextInt(5);
                parts.add("requests_total " + op + " " + t);
                partOps.add(op);
                thresholds.add(t);
            }
            TreeSet<Double> witnesses = new TreeSet<>(List.of(-100.0, 100.0));
            for (int t : thresholds) {
                witnesses.add(t - 0.5);
                witnesses.add((double) t);
                witnesses.add(t + 0.5);
            }
            boolean satisfiable = false;
            for (double x : witnesses) {
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    double t = thresholds.get(i);
                    boolean holds =
                            switch (partOps.get(i)) {
                                case ">=" -> x >= t;
                                case ">" -> x > t;
                                case "<=" -> x <= t;
                                case "<" -> x < t;
                                default -> x == t;
                            };
                    all &= holds;
                }
                satisfiable |= all;
            }
            String expr = String.join(" and ", parts);
            assertThat(find(expr).isPresent()).as(expr).isEqualTo(!satisfiable);
        }
    }

    @Test
    void contradictionsAcrossNestedAndsAndWithNotEqualAreFound() throws Exception {
        assertThat(find("requests_total == 3 and requests_total != 3")).isPresent();
        assertThat(
                        find(
                                "(requests_total > 500 and requests_last_hour > 1) and requests_total < 100"))
                .isPresent();
        assertThat(find("requests_total >= 3 and (requests_total <= 3 and requests_total != 3)"))
                .isPresent();
        assertThat(find("requests_total != 3 and requests_total >= 3")).isEmpty();
    }
}
