package dev.exdetect.rules.expr;

import dev.exdetect.features.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the rule expression language:
 *
 * <pre>
 * expr       := orExpr
 * orExpr     := andExpr ("or" andExpr)*
 * andExpr    := notExpr ("and" notExpr)*
 * notExpr    := "not" notExpr | "(" expr ")" | comparison
 * comparison := FEATURE (">=" | ">" | "<=" | "<" | "==" | "!=") NUMBER
 * </pre>
 *
 * Feature names must be in the {@link Feature} catalogue; an unknown one is refused with the
 * closest known name. A deliberately small language: no arithmetic, no functions, nothing that can
 * loop or reach outside the feature vector, so a rule from a topic cannot harm the job.
 */
public final class ExpressionParser {
    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    /** Parses {@code text}; throws with the column of the first problem. */
    public static Condition parse(String text) throws ExpressionException {
        ExpressionParser p = new ExpressionParser(text);
        p.skipSpace();
        if (p.pos == text.length()) {
            throw new ExpressionException(1, "the condition is empty");
        }
        Condition c = p.orExpr();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + p.peekWord() + "'; expected 'and', 'or' or the end");
        }
        return c;
    }

    private Condition orExpr() throws ExpressionException {
        List<Condition> parts = new ArrayList<>();
        parts.add(andExpr());
        while (acceptKeyword("or")) {
            parts.add(andExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(List.copyOf(parts));
    }

    private Condition andExpr() throws ExpressionException {
        List<Condition> parts = new ArrayList<>();
        parts.add(notExpr());
        while (acceptKeyword("and")) {
            parts.add(notExpr());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(List.copyOf(parts));
    }

    private Condition notExpr() throws ExpressionException {
        skipSpace();
        if (acceptKeyword("not")) {
            return new Condition.Not(notExpr());
        }
        if (peek() == '(') {
            pos++;
            Condition inner = orExpr();
            skipSpace();
            if (peek() != ')') {
                throw error("missing ')'");
            }
            pos++;
            return inner;
        }
        return comparison();
    }

    private Comparison comparison() throws ExpressionException {
        skipSpace();
        int column = pos + 1;
        String name = identifier();
        if (name.isEmpty()) {
            throw error(
                    pos < text.length()
                            ? "expected a feature name, found '" + peekWord() + "'"
                            : "expected a feature name, found the end");
        }
        Feature feature = Feature.byId(name);
        if (feature == null) {
            throw new ExpressionException(column, unknownFeatureMessage(name));
        }
        skipSpace();
        Operator op = operator();
        skipSpace();
        double threshold = number();
        return new Comparison(feature, op, threshold, column);
    }

    private Operator operator() throws ExpressionException {
        for (String symbol : new String[] {">=", "<=", "==", "!=", ">", "<"}) {
            if (text.startsWith(symbol, pos)) {
                pos += symbol.length();
                return Operator.bySymbol(symbol);
            }
        }
        throw error(
                "expected a comparison operator (>=, >, <=, <, ==, !=), found "
                        + (pos < text.length() ? "'" + peekWord() + "'" : "the end"));
    }

    private double number() throws ExpressionException {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE_".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String literal = text.substring(start, pos).replace("_", "");
        try {
            double v = Double.parseDouble(literal);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            pos = start;
            throw error(
                    "expected a number, found "
                            + (start < text.length() ? "'" + peekWord() + "'" : "the end"));
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean acceptKeyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end <= text.length()
                && text.substring(pos, end).toLowerCase(Locale.ROOT).equals(keyword)
                && (end == text.length()
                        || !(Character.isLetterOrDigit(text.charAt(end))
                                || text.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    /** The word at {@code pos}; every caller has checked that a non-space character is there. */
    private String peekWord() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(pos, end);
    }

    private ExpressionException error(String message) {
        return new ExpressionException(pos + 1, message);
    }

    private static String unknownFeatureMessage(String name) {
        List<String> known = new ArrayList<>();
        for (Feature f : Feature.values()) {
            known.add(f.id());
        }
        String closest = Suggestions.closest(name, known, Math.max(3, name.length() / 3));
        return "unknown feature '"
                + name
                + "'"
                + (closest != null
                        ? "; did you mean '" + closest + "'?"
                        : "; see docs/FEATURES.md for the list");
    }
}
