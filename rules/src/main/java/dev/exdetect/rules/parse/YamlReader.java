package dev.exdetect.rules.parse;

import dev.exdetect.rules.expr.Suggestions;
import dev.exdetect.rules.model.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed access to a YAML document that keeps the line and column of every value, so that each
 * refusal can say where the problem is: the value types of rule files (strings, numbers, booleans,
 * durations, times, enum names, rate limits), mappings and lists. Reads with SnakeYAML's safe
 * loader (no object construction, bounded aliases and size).
 *
 * <p>Every reader takes {@code what}, the value's name in messages (e.g. {@code rule 'probe':
 * 'score'}), and refuses with it.
 */
final class YamlReader {
    private static final int MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
    private static final Set<String> LIMIT_KEYS = Set.of("requests", "per_seconds");

    private final String source;

    YamlReader(String source) {
        this.source = source;
    }

    /** Parses {@code text} into a node tree; null for an empty document. */
    Node compose(String text) throws RuleFileException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_DOCUMENT_CHARS);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new RuleFileException(
                    source,
                    mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1,
                    "YAML syntax error: " + problem.trim());
        } catch (YAMLException e) {
            throw new RuleFileException(source, 0, 0, "YAML syntax error: " + e.getMessage());
        }
    }

    /** A refusal at the start of {@code node}. */
    RuleFileException error(Node node, String reason) {
        return new RuleFileException(
                source,
                node.getStartMark().getLine() + 1,
                node.getStartMark().getColumn() + 1,
                reason);
    }

    /**
     * The entries of a mapping by key, refusing keys not in {@code allowed} (with the closest
     * allowed key as a hint: a misspelt key must not be silently ignored).
     */
    YamlMapping mapping(Node node, String what, Set<String> allowed) throws RuleFileException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping (key: value lines)");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), what + " has a key that is not a plain name");
            }
            if (!allowed.contains(k.getValue())) {
                throw error(
                        k,
                        "unknown key '"
                                + k.getValue()
                                + "' in "
                                + what
                                + hint(k.getValue(), allowed));
            }
            NodeTuple first = entries.put(k.getValue(), t);
            if (first != null) {
                // compose() does not apply LoaderOptions.setAllowDuplicateKeys(false).
                throw error(
                        k,
                        "duplicate key '"
                                + k.getValue()
                                + "' in "
                                + what
                                + " (first at line "
                                + (first.getKeyNode().getStartMark().getLine() + 1)
                                + ")");
            }
        }
        return new YamlMapping(this, node, entries);
    }

    /**
     * The entries of a mapping whose keys are names the writer chooses (rule ids, features), with
     * {@code refusal} as the whole message when {@code node} is not a mapping.
     */
    List<NodeTuple> entries(Node node, String refusal) throws RuleFileException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, refusal);
        }
        return m.getValue();
    }

    List<Node> sequence(Node node, String what) throws RuleFileException {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, what + " must be a list (lines starting with '- ')");
        }
        return s.getValue();
    }

    String string(Node node, String what) throws RuleFileException {
        ScalarNode s = scalar(node, what, "a string");
        if (s.getTag().equals(Tag.NULL)) {
            throw error(node, what + " must be a string, not empty");
        }
        return s.getValue();
    }

    /** A string also written as a YAML timestamp or number (e.g. unquoted dates). */
    String text(Node node, String what) throws RuleFileException {
        return scalar(node, what, "a string").getValue();
    }

    long integer(Node node, String what) throws RuleFileException {
        ScalarNode s = scalar(node, what, "a whole number");
        if (!s.getTag().equals(Tag.INT)) {
            throw error(node, what + " must be a whole number, got " + describe(s));
        }
        try {
            return Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, got " + describe(s));
        }
    }

    double number(Node node, String what) throws RuleFileException {
        ScalarNode s = scalar(node, what, "a number");
        if (!s.getTag().equals(Tag.INT) && !s.getTag().equals(Tag.FLOAT)) {
            throw error(node, what + " must be a number, got " + describe(s));
        }
        try {
            double v = Double.parseDouble(s.getValue().replace("_", ""));
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a finite number, got " + describe(s));
        }
    }

    boolean bool(Node node, String what) throws RuleFileException {
        ScalarNode s = scalar(node, what, "true or false");
        if (!s.getTag().equals(Tag.BOOL)) {
            throw error(node, what + " must be true or false, got " + describe(s));
        }
        // The YAML 1.1 resolver tags yes/no/on/off as booleans too; read them as it means them.
        String v = s.getValue().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("yes") || v.equals("on");
    }

    /** A whole number from 1 to {@link Integer#MAX_VALUE}. */
    int positiveInt(Node node, String what) throws RuleFileException {
        long v = integer(node, what);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw error(node, what + " must be a positive whole number");
        }
        return (int) v;
    }

    /** A number in (0, 1]: a score, a severity band, a release threshold. */
    double fraction(Node node, String what) throws RuleFileException {
        double v = number(node, what);
        if (v <= 0 || v > 1) {
            throw error(node, what + " must be in (0, 1], got " + v);
        }
        return v;
    }

    /**
     * A duration as {@link Durations} reads it, not negative, and short enough to add to epoch
     * milliseconds.
     */
    Duration duration(Node node, String what) throws RuleFileException {
        String text = text(node, what);
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative()) {
                throw error(node, what + ": must not be negative");
            }
            d.toMillis(); // durations are used as epoch milliseconds: must fit in a long
            return d;
        } catch (ArithmeticException e) {
            throw error(node, what + ": '" + text + "' is too long");
        } catch (IllegalArgumentException e) {
            throw error(node, what + ": " + e.getMessage());
        }
    }

    /** An RFC 3339 time with offset; a space may stand for the {@code T}. */
    Instant instant(Node node, String what) throws RuleFileException {
        String text = text(node, what);
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw error(
                    node,
                    what
                            + " must be an RFC 3339 time with offset, e.g."
                            + " 2026-11-02T10:00:00Z, got '"
                            + text
                            + "'");
        }
    }

    /** The constant of {@code type} named by the value, in any case. */
    <E extends Enum<E>> E enumValue(Class<E> type, Node node, String what)
            throws RuleFileException {
        String text = string(node, what);
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(
                    node,
                    what
                            + " must be one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + text
                            + "'");
        }
    }

    /** A rate limit {@code {requests, per_seconds}}; messages name it {@code what: 'limit'}. */
    ThrottleLimit throttleLimit(Node node, String what) throws RuleFileException {
        String limit = what + ": 'limit'";
        YamlMapping m = mapping(node, limit, LIMIT_KEYS);
        int requests = positiveInt(m.required("requests", limit), what + ": 'limit.requests'");
        int perSeconds =
                positiveInt(m.required("per_seconds", limit), what + ": 'limit.per_seconds'");
        return new ThrottleLimit(requests, perSeconds);
    }

    private ScalarNode scalar(Node node, String what, String expected) throws RuleFileException {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, what + " must be " + expected + ", got a " + kind(node));
        }
        return s;
    }

    private static String describe(ScalarNode s) {
        String kind =
                s.getTag().equals(Tag.STR)
                        ? "text"
                        : s.getTag().equals(Tag.BOOL)
                                ? "a boolean"
                                : s.getTag().equals(Tag.NULL)
                                        ? "nothing"
                                        : s.getTag().equals(Tag.FLOAT) ? "a decimal" : "a value";
        return kind + " '" + s.getValue() + "'";
    }

    /** What a node that is not a scalar is: the composer makes only mappings and lists. */
    private static String kind(Node node) {
        return node instanceof MappingNode ? "mapping" : "list";
    }

    private static String hint(String key, Set<String> allowed) {
        // Sorted: Set.of iterates in an order that changes from run to run, and of two allowed
        // keys equally close to a misspelt one the first is named.
        Set<String> sorted = new TreeSet<>(allowed);
        String best = Suggestions.closest(key, sorted, 3);
        return best != null
                ? "; did you mean '" + best + "'?"
                : "; allowed: " + String.join(", ", sorted);
    }
}
