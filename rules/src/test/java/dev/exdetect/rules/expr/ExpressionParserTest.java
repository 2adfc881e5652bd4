package dev.exdetect.rules.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {

    private static FeatureVector vector(Object... featureValuePairs) {
        FeatureVector v = new FeatureVector();
        for (int i = 0; i < featureValuePairs.length; i += 2) {
            v.set(
                    (Feature) featureValuePairs[i],
                    ((Number) featureValuePairs[i + 1]).doubleValue());
        }
        return v;
    }

    private static boolean eval(String expr, FeatureVector v) throws ExpressionException {
        return ExpressionParser.parse(expr).test(v);
    }

    @Test
    void singleComparisonsForEveryOperator() throws Exception {
        FeatureVector v = vector(Feature.REQUESTS_TOTAL, 5);
        assertThat(eval("requests_total >= 5", v)).isTrue();
        assertThat(eval("requests_total >= 5.5", v)).isFalse();
        assertThat(eval("requests_total > 5", v)).isFalse();
        assertThat(eval("requests_total > 4.99", v)).isTrue();
        assertThat(eval("requests_total <= 5", v)).isTrue();
        assertThat(eval("requests_total <= 4", v)).isFalse();
        assertThat(eval("requests_total < 5", v)).isFalse();
        assertThat(eval("requests_total < 6", v)).isTrue();
        assertThat(eval("requests_total == 5", v)).isTrue();
        assertThat(eval("requests_total == 5.0", v)).isTrue();
        assertThat(eval("requests_total == 6", v)).isFalse();
        assertThat(eval("requests_total != 5", v)).isFalse();
        assertThat(eval("requests_total != 6", v)).isTrue();
        // Spacing and number spellings.
        assertThat(eval("requests_total>=5", v)).isTrue();
        assertThat(eval("  requests_total   <   1e1  ", v)).isTrue();
        assertThat(eval("requests_total > -1", v)).isTrue();
        assertThat(eval("requests_total < 1_000", v)).isTrue();
        assertThat(eval("requests_total > .5", v)).isTrue();
    }

    @Test
    void comparisonRecordsFeatureOperatorThresholdAndColumn() throws Exception {
        Condition c = ExpressionParser.parse("  near_duplicate_ratio >= 0.6");
        assertThat(c).isEqualTo(new Comparison(Feature.NEAR_DUPLICATE_RATIO, Operator.GE, 0.6, 3));
        assertThat(c.toString()).isEqualTo("near_duplicate_ratio >= 0.6");
        assertThat(ExpressionParser.parse("requests_total > 1_000").toString())
                .isEqualTo("requests_total > 1000");
    }

    @Test
    void andBindsTighterThanOr() throws Exception {
        // a or (b and c), not (a or b) and c: with a true and c false the two readings differ.
        String expr =
                "requests_total > 10 or requests_last_minute > 10 and requests_last_hour > 10";
        FeatureVector aOnly =
                vector(
                        Feature.REQUESTS_TOTAL, 11,
                        Feature.REQUESTS_LAST_MINUTE, 0,
                        Feature.REQUESTS_LAST_HOUR, 0);
        assertThat(eval(expr, aOnly)).isTrue();
        Condition c = ExpressionParser.parse(expr);
        assertThat(c).isInstanceOf(Condition.Or.class);
        List<Condition> parts = ((Condition.Or) c).parts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isInstanceOf(Comparison.class);
        assertThat(parts.get(1)).isInstanceOf(Condition.And.class);

        // Same the other way round: (b and c) or a.
        String reversed =
                "requests_last_minute > 10 and requests_last_hour > 10 or requests_total > 10";
        assertThat(eval(reversed, aOnly)).isTrue();
        // Parentheses override.
        assertThat(
                        eval(
                                "(requests_total > 10 or requests_last_minute > 10) and"
                                        + " requests_last_hour > 10",
                                aOnly))
                .isFalse();
    }

    @Test
    void notAppliesToTheNextComparisonOrParenthesis() throws Exception {
        FeatureVector v = vector(Feature.REQUESTS_TOTAL, 5, Feature.REQUESTS_LAST_MINUTE, 1);
        assertThat(eval("not requests_total > 10", v)).isTrue();
        assertThat(eval("not requests_total > 1", v)).isFalse();
        assertThat(eval("not not requests_total > 1", v)).isTrue();
        // (not a) and b versus not (a and b)
        assertThat(eval("not requests_total > 1 and requests_last_minute > 5", v)).isFalse();
        assertThat(eval("not (requests_total > 1 and requests_last_minute > 5)", v)).isTrue();
        assertThat(eval("not(requests_total > 1)", v)).isFalse();
        // Keywords are case-insensitive.
        assertThat(eval("NOT requests_total > 10 AND requests_last_minute == 1", v)).isTrue();
        assertThat(eval("requests_total > 10 Or requests_last_minute == 1", v)).isTrue();
    }

    @Test
    void comparisonsWithAnUndefinedFeatureAreFalseForEveryOperator() throws Exception {
        FeatureVector undefined = new FeatureVector();
        for (String op : new String[] {">=", ">", "<=", "<", "==", "!="}) {
            assertThat(eval("near_duplicate_ratio " + op + " 0.5", undefined)).as(op).isFalse();
        }
        // A comparison that is true for any defined value is still false without data.
        assertThat(eval("near_duplicate_ratio >= 0 or near_duplicate_ratio < 0", undefined))
                .isFalse();
        assertThat(eval("near_duplicate_ratio >= 0", vector(Feature.NEAR_DUPLICATE_RATIO, 0)))
                .isTrue();
    }

    @Test
    void forEachComparisonVisitsLeftToRight() throws Exception {
        Condition c =
                ExpressionParser.parse(
                        "requests_total > 1 or not (requests_last_minute < 2 and"
                                + " (requests_last_hour == 3 or near_duplicate_ratio != 4))");
        List<String> seen = new ArrayList<>();
        c.forEachComparison(cmp -> seen.add(cmp.feature().id()));
        assertThat(seen)
                .containsExactly(
                        "requests_total",
                        "requests_last_minute",
                        "requests_last_hour",
                        "near_duplicate_ratio");
    }

    // ---- Property: random expressions, printed with minimal parentheses, evaluate like a
    // direct evaluation of the tree they were printed from.

    private sealed interface Node permits Cmp, AndN, OrN, NotN {}

    private record Cmp(Feature feature, String op, double threshold, String literal)
            implements Node {}

    private record AndN(List<Node> parts) implements Node {}

    private record OrN(List<Node> parts) implements Node {}

    private record NotN(Node inner) implements Node {}

    private static final double[][] THRESHOLDS = {{0}, {1}, {2.5}, {1000}, {-1}};
    private static final String[][] LITERALS = {
        {"0", "0.0", "0e5"},
        {"1", "1.0", "+1", "10e-1"},
        {"2.5", "25e-1", "2.50"},
        {"1000", "1_000", "1e3", "1E3"},
        {"-1", "-1.0"}
    };
    private static final String[] OPS = {">=", ">", "<=", "<", "==", "!="};
    private static final double[] VALUES = {-2, -1, 0, 0.5, 1, 2, 2.5, 3, 999, 1000, 1001};

    private static Node randomNode(Random r, int depth) {
        int kind = depth == 0 ? 0 : r.nextInt(4);
        switch (kind) {
            case 1, 2 -> {
                List<Node> parts = new ArrayList<>();
                int n = 2 + r.nextInt(3);
                for (int i = 0; i < n; i++) {
                    parts.add(randomNode(r, depth - 1));
                }
                return kind == 1 ? new AndN(parts) : new OrN(parts);
            }
            case 3 -> {
                return new NotN(randomNode(r, depth - 1));
            }
            default -> {
                Feature[] features = Feature.values();
                int t = r.nextInt(THRESHOLDS.length);
                String[] lits = LITERALS[t];
                return new Cmp(
                        features[r.nextInt(features.length)],
                        OPS[r.nextInt(OPS.length)],
                        THRESHOLDS[t][0],
                        lits[r.nextInt(lits.length)]);
            }
        }
    }

    private static String keyword(Random r, String k) {
        return switch (r.nextInt(3)) {
            case 0 -> k;
            case 1 -> k.toUpperCase();
            default -> Character.toUpperCase(k.charAt(0)) + k.substring(1);
        };
    }

    private static String space(Random r) {
        return r.nextBoolean() ? " " : r.nextBoolean() ? "" : "  ";
    }

    private static String maybeParen(Random r, String s) {
        return r.nextInt(5) == 0 ? "(" + space(r) + s + space(r) + ")" : s;
    }

    private static String print(Random r, Node n) {
        if (n instanceof Cmp c) {
            return c.feature().id() + space(r) + c.op() + space(r) + c.literal();
        }
        if (n instanceof AndN a) {
            return a.parts().stream()
                    .map(
                            p ->
                                    p instanceof OrN
                                            ? "(" + print(r, p) + ")"
                                            : maybeParen(r, print(r, p)))
                    .collect(Collectors.joining(" " + keyword(r, "and") + " "));
        }
        if (n instanceof OrN o) {
            return o.parts().stream()
                    .map(p -> maybeParen(r, print(r, p)))
                    .collect(Collectors.joining(" " + keyword(r, "or") + " "));
        }
        Node inner = ((NotN) n).inner();
        String kw = keyword(r, "not");
        if (inner instanceof Cmp || inner instanceof NotN) {
            return kw + " " + maybeParen(r, print(r, inner));
        }
        return kw + (r.nextBoolean() ? " " : "") + "(" + print(r, inner) + ")";
    }

    private static boolean reference(Node n, FeatureVector v) {
        if (n instanceof Cmp c) {
            double x = v.get(c.feature());
            if (Double.isNaN(x)) {
                return false;
            }
            double t = c.threshold();
            return switch (c.op()) {
                case ">=" -> x >= t;
                case ">" -> x > t;
                case "<=" -> x <= t;
                case "<" -> x < t;
                case "==" -> x == t;
                default -> x != t;
            };
        }
        if (n instanceof AndN a) {
            return a.parts().stream().allMatch(p -> reference(p, v));
        }
        if (n instanceof OrN o) {
            return o.parts().stream().anyMatch(p -> reference(p, v));
        }
        return !reference(((NotN) n).inner(), v);
    }

    @Test
    void randomExpressionsEvaluateLikeTheTreeTheyWerePrintedFrom() throws Exception {
        Random r = new Random(81);
        int checked = 0;
        int trueResults = 0;
        for (int e = 0; e < 500; e++) {
            Node tree = randomNode(r, 1 + r.nextInt(4));
            String text = space(r) + print(r, tree) + space(r);
            Condition parsed = ExpressionParser.parse(text);
            for (int k = 0; k < 40; k++) {
                FeatureVector v = new FeatureVector();
                for (Feature f : Feature.values()) {
                    v.set(f, VALUES[r.nextInt(VALUES.length)]);
                }
                boolean expected = reference(tree, v);
                assertThat(parsed.test(v)).as("%s on %s", text, v).isEqualTo(expected);
                checked++;
                trueResults += expected ? 1 : 0;
            }
        }
        // Both outcomes were exercised.
        assertThat(trueResults).isBetween(checked / 10, checked - checked / 10);
    }

    // ---- Refusals, each with the column of the problem.

    private static ExpressionException refused(String text) {
        ExpressionException e =
                catchThrowableOfType(ExpressionException.class, () -> ExpressionParser.parse(text));
        assertThat(e).as("'%s' must be refused", text).isNotNull();
        return e;
    }

    private static void assertRefused(String text, int column, String... fragments) {
        ExpressionException e = refused(text);
        assertThat(e.column()).as("column for '%s': %s", text, e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).contains(fragments);
    }

    @Test
    void unknownFeatureWithSuggestion() {
        assertRefused(
                "near_duplicat_ratio >= 0.6",
                1,
                "unknown feature 'near_duplicat_ratio'",
                "did you mean 'near_duplicate_ratio'?");
        String text = "requests_total > 1 and requets_total > 2";
        assertRefused(
                text,
                text.indexOf("requets_total") + 1,
                "unknown feature 'requets_total'",
                "did you mean 'requests_total'?");
        assertRefused("banana > 1", 1, "unknown feature 'banana'", "docs/FEATURES.md");
        // Exact names only: no case folding of feature names.
        assertRefused("Requests_Total > 1", 1, "unknown feature 'Requests_Total'");
    }

    @Test
    void aFeatureNameStartingWithAKeywordIsOneName() {
        // 'not_…' is not the keyword 'not' followed by a name '_…'.
        assertRefused(
                "not_duplicate_ratio >= 0.5",
                1,
                "unknown feature 'not_duplicate_ratio'",
                "did you mean 'near_duplicate_ratio'?");
        String text = "requests_total > 1 or_else > 2";
        assertRefused(text, text.indexOf("or_else") + 1, "unexpected 'or_else'");
        String and = "requests_total > 1 and_also > 2";
        assertRefused(and, and.indexOf("and_also") + 1, "unexpected 'and_also'");
    }

    @Test
    void missingOperator() {
        assertRefused("requests_total 5", 16, "expected a comparison operator", "found '5'");
        assertRefused("requests_total", 15, "expected a comparison operator", "found the end");
        assertRefused("requests_total => 5", 16, "expected a comparison operator", "'=>'");
        assertRefused("requests_total = 5", 16, "expected a comparison operator");
    }

    @Test
    void missingOrBadNumber() {
        assertRefused("requests_total >= ", 19, "expected a number, found the end");
        assertRefused("requests_total >= abc", 19, "expected a number, found 'abc'");
        assertRefused("requests_total >= 1e999", 19, "expected a number");
        assertRefused("requests_total >= 1.2.3", 19, "expected a number");
        assertRefused("requests_total >= NaN", 19, "expected a number");
        assertRefused("requests_total >= _", 19, "expected a number");
        assertRefused("requests_total > 5 and requests_total <", 40, "expected a number");
    }

    @Test
    void trailingGarbage() {
        assertRefused("requests_total > 5 foo", 20, "unexpected 'foo'", "expected 'and', 'or'");
        assertRefused("requests_total > 5 5", 20, "unexpected '5'");
        assertRefused("requests_total > 5 && requests_total < 9", 20, "unexpected '&&'");
    }

    @Test
    void empty() {
        assertRefused("", 1, "empty");
        assertRefused("   \t ", 1, "empty");
    }

    @Test
    void unbalancedParentheses() {
        String open = "(requests_total > 5";
        assertRefused(open, open.length() + 1, "missing ')'");
        String nested = "((requests_total > 5) and requests_total < 9";
        assertRefused(nested, nested.length() + 1, "missing ')'");
        assertRefused("requests_total > 5)", 19, "unexpected ')'");
        assertRefused("()", 2, "expected a feature name, found ')'");
    }

    @Test
    void danglingKeyword() {
        assertRefused("requests_total > 5 and", 23, "expected a feature name, found the end");
        assertRefused("requests_total > 5 or > 3", 23, "expected a feature name, found '>'");
        assertRefused("not", 4, "expected a feature name, found the end");
    }

    @Test
    void aNegationOfAnUndefinedFeatureIsFalseSoRulesNeverFireForLackOfData() throws Exception {
        FeatureVector undefined = new FeatureVector().set(Feature.REQUESTS_TOTAL, 10);
        assertThat(ExpressionParser.parse("not near_duplicate_ratio >= 0.6").test(undefined))
                .isFalse();
        assertThat(
                        ExpressionParser.parse(
                                        "not (near_duplicate_ratio >= 0.6 or requests_total > 5)")
                                .test(undefined))
                .isFalse();
        FeatureVector defined =
                new FeatureVector()
                        .set(Feature.NEAR_DUPLICATE_RATIO, 0.1)
                        .set(Feature.REQUESTS_TOTAL, 1);
        assertThat(ExpressionParser.parse("not near_duplicate_ratio >= 0.6").test(defined))
                .isTrue();
    }

    @Test
    void textParsesBackToAConditionThatBehavesTheSame() throws Exception {
        String[] expressions = {
            "requests_total > 5 and (requests_last_minute >= 2 or not near_duplicate_ratio < 0.5)",
            "not (requests_total > 5 and requests_last_hour < 3) or near_duplicate_ratio == 1",
        };
        java.util.Random random = new java.util.Random(5);
        for (String e : expressions) {
            Condition c = ExpressionParser.parse(e);
            Condition back = ExpressionParser.parse(c.text());
            for (int i = 0; i < 200; i++) {
                FeatureVector v =
                        new FeatureVector()
                                .set(Feature.REQUESTS_TOTAL, random.nextInt(10))
                                .set(Feature.REQUESTS_LAST_MINUTE, random.nextInt(4))
                                .set(Feature.REQUESTS_LAST_HOUR, random.nextInt(6))
                                .set(Feature.NEAR_DUPLICATE_RATIO, random.nextInt(3) / 2.0);
                assertThat(back.test(v)).as("%s on %s", c.text(), v).isEqualTo(c.test(v));
            }
        }
    }

    @Test
    void thresholdOverridesReplaceOnlyTheNamedFeature() throws Exception {
        Condition c = ExpressionParser.parse("requests_total >= 100 and requests_last_hour >= 50");
        Condition overridden = c.withThresholds(java.util.Map.of(Feature.REQUESTS_TOTAL, 1000.0));
        assertThat(overridden.text())
                .isEqualTo("requests_total >= 1000 and requests_last_hour >= 50");
    }
}
