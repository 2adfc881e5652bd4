package dev.exdetect.rules.parse;

import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The entries of one YAML mapping whose keys {@link YamlReader#mapping} has checked, by key, with
 * the mapping's own node so that a missing key is reported where the mapping starts.
 */
final class YamlMapping {
    /** Reads one value; may refuse it. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(Node value) throws RuleFileException;
    }

    private final YamlReader yaml;
    private final Node node;
    private final Map<String, NodeTuple> entries;

    YamlMapping(YamlReader yaml, Node node, Map<String, NodeTuple> entries) {
        this.yaml = yaml;
        this.node = node;
        this.entries = entries;
    }

    /** True when the mapping has {@code key}. */
    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value of {@code key}, or null when the mapping does not have it. */
    Node get(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The value of {@code key} read by {@code reader}, or {@code absent} without the key. */
    <T> T optional(String key, T absent, ValueReader<T> reader) throws RuleFileException {
        Node value = get(key);
        return value == null ? absent : reader.read(value);
    }

    /**
     * The value of {@code key}, refusing a mapping without it ({@code what} lacks it) or with an
     * empty value.
     */
    Node required(String key, String what) throws RuleFileException {
        Node value = get(key);
        if (value == null) {
            throw yaml.error(node, what + " lacks '" + key + "'");
        }
        if (value instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            throw yaml.error(value, what + ": '" + key + "' is empty");
        }
        return value;
    }
}
