package dev.exdetect.rules.expr;

/** A rule expression that cannot be parsed or refers to something unknown. */
public class ExpressionException extends Exception {
    private final int column;

    /** An error at 1-based {@code column} of the expression. */
    public ExpressionException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** 1-based position of the problem in the expression. */
    public int column() {
        return column;
    }
}
