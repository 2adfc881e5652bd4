package dev.exdetect.rules.parse;

/**
 * A rule file or rule message that is refused, with where and why: {@code rules.yaml:12:9: rule
 * 'near-duplicate-probing': unknown feature 'near_dup'}.
 */
public class RuleFileException extends Exception {
    private final String source;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param source file path or message origin
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param reason what is wrong
     */
    public RuleFileException(String source, int line, int column, String reason) {
        super(format(source, line, column, reason));
        this.source = source;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    private static String format(String source, int line, int column, String reason) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(reason).toString();
    }

    /** File path or message origin. */
    public String source() {
        return source;
    }

    /** 1-based line, 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }
}
