package dev.exdetect.rules.expr;

/** Comparison operators of the rule expression language. */
public enum Operator {
    GE(">="),
    GT(">"),
    LE("<="),
    LT("<"),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** How the operator is written. */
    public String symbol() {
        return symbol;
    }

    /** Applies the operator. */
    public boolean test(double value, double threshold) {
        return switch (this) {
            case GE -> value >= threshold;
            case GT -> value > threshold;
            case LE -> value <= threshold;
            case LT -> value < threshold;
            case EQ -> value == threshold;
            case NE -> value != threshold;
        };
    }

    /** The operator written as {@code symbol}, or null. */
    public static Operator bySymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }

    /** A number as people write it: no trailing {@code .0}. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }
}
