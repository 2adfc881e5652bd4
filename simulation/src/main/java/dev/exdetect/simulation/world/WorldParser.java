package dev.exdetect.simulation.world;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
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

/**
 * Reads world files ({@code samples/worlds/*.yaml}, format in {@code samples/worlds/README.md})
 * with SnakeYAML's safe loader, keeping the line and column of every value so that each refusal
 * says where the problem is ({@link WorldFileException}). Every key is checked: a misspelt one is
 * refused with the closest allowed key, never ignored.
 */
public final class WorldParser {
    /** Pools a world's corpus section may name. */
    public static final List<String> POOLS =
            List.of("questions", "instructions", "seed_tasks", "extraction", "code", "eval");

    /** What each pool holds when a world does not say: the seed benchmark's corpus. */
    public static final Map<String, List<String>> DEFAULT_POOLS =
            Map.of(
                    "questions", List.of("trec_qc", "stackoverflow_titles_a"),
                    "instructions", List.of("self_instruct_user_oriented"),
                    "seed_tasks", List.of("self_instruct_seed_tasks"),
                    "extraction", List.of("gpteacher_codegen", "gpteacher_roleplay"),
                    "code", List.of("gpteacher_codegen"),
                    "eval", List.of("trec_qc"));

    private static final Set<String> WORLD_KEYS =
            Set.of(
                    "world",
                    "description",
                    "seed",
                    "start",
                    "duration",
                    "victim",
                    "corpus",
                    "organisations",
                    "cohorts");

    private static final long MIN_DURATION = 60_000L;
    private static final long MAX_DURATION = 48 * 3_600_000L;
    private static final int MAX_CHARS = 1 << 20;

    private final String source;
    private final String name;

    private WorldParser(String source, String name) {
        this.source = source;
        this.name = name;
    }

    /** Reads the world in {@code file}; its name is the file name without {@code .yaml}. */
    public static World read(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        String stem = fileName.replaceFirst("\\.ya?ml$", "");
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), stem);
    }

    /** Reads every {@code *.yaml} world in {@code dir}, sorted by name. */
    public static List<World> readAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("worlds folder " + dir + " does not exist");
        }
        List<World> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml$"))
                            .sorted()
                            .toList()) {
                out.add(read(f));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no world files (*.yaml) in " + dir);
        }
        return out;
    }

    /** Parses world text; {@code source} names it in messages. */
    public static World parse(String text, String source, String name) {
        return new WorldParser(source, name).world(text);
    }

    private World world(String text) {
        Node root = compose(text);
        if (root == null) {
            throw new WorldFileException(source, 0, 0, "the file is empty");
        }
        Map<String, NodeTuple> top = mapping(root, "a world", WORLD_KEYS);
        if (top.containsKey("world")) {
            String declared = string(value(top, "world"), "world");
            if (!declared.equals(name)) {
                throw error(
                        value(top, "world"),
                        "world '"
                                + declared
                                + "' is in a file named "
                                + name
                                + ".yaml; the world's name is its file's name");
            }
        }
        long seed = (long) integer(required(top, "seed", root), "seed");
        Node startNode = required(top, "start", root);
        long start;
        try {
            start = Instant.parse(scalar(startNode, "start").getValue()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw error(
                    startNode,
                    "start must be an RFC 3339 time such as 2026-11-03T06:00:00Z, got '"
                            + scalar(startNode, "start").getValue()
                            + "'");
        }
        Node durationNode = required(top, "duration", root);
        long duration = (long) value(durationNode, "duration", ParamType.DURATION).lo();
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            throw error(durationNode, "duration must be from 1m to 48h");
        }
        World.Victim victim = victim(required(top, "victim", root));
        World.Pools pools = top.containsKey("corpus") ? pools(value(top, "corpus")) : defaults();
        int organisations =
                top.containsKey("organisations")
                        ? (int) integer(value(top, "organisations"), "organisations")
                        : 7;
        if (organisations < 1 || organisations > 1000) {
            throw error(value(top, "organisations"), "organisations must be from 1 to 1000");
        }
        List<Cohort> cohorts = cohorts(required(top, "cohorts", root));
        return new World(
                name,
                source,
                top.containsKey("description")
                        ? string(value(top, "description"), "description").strip()
                        : "",
                seed,
                start,
                duration,
                victim,
                pools,
                organisations,
                cohorts);
    }

    private World.Victim victim(Node node) {
        Map<String, NodeTuple> m = mapping(node, "victim", Set.of("data", "features", "classes"));
        Node dataNode = required(m, "data", node);
        String data = string(dataNode, "victim data").toLowerCase(Locale.ROOT);
        if (!data.equals("synthetic") && !Set.of("digits", "iris", "wine").contains(data)) {
            throw error(
                    dataNode,
                    "victim data must be digits, iris, wine or synthetic, got '" + data + "'");
        }
        if (!data.equals("synthetic")) {
            for (String k : List.of("features", "classes")) {
                if (m.containsKey(k)) {
                    throw error(
                            value(m, k),
                            k + " is set by the data set; only a synthetic victim takes it");
                }
            }
            return new World.Victim(data, 0, 0);
        }
        int features =
                m.containsKey("features") ? (int) integer(value(m, "features"), "features") : 20;
        int classes = m.containsKey("classes") ? (int) integer(value(m, "classes"), "classes") : 6;
        if (features < 2 || features > 4096) {
            throw error(value(m, "features"), "a synthetic victim takes 2 to 4096 features");
        }
        if (classes < 2 || classes > 26) {
            throw error(value(m, "classes"), "a synthetic victim takes 2 to 26 classes");
        }
        return new World.Victim(data, features, classes);
    }

    private World.Pools defaults() {
        Map<String, List<World.Slice>> slices = new LinkedHashMap<>();
        for (String pool : POOLS) {
            slices.put(
                    pool,
                    DEFAULT_POOLS.get(pool).stream()
                            .map(f -> new World.Slice(f, 0, 1, 0, 0))
                            .toList());
        }
        return new World.Pools(false, slices);
    }

    private World.Pools pools(Node node) {
        if (node instanceof ScalarNode s) {
            if (s.getValue().equals("built-in")) {
                return new World.Pools(true, Map.of());
            }
            throw error(node, "corpus must be built-in or a mapping of pools to corpus files");
        }
        Map<String, NodeTuple> m = mapping(node, "corpus", Set.copyOf(POOLS));
        World.Pools d = defaults();
        Map<String, List<World.Slice>> slices = new LinkedHashMap<>(d.slices());
        for (Map.Entry<String, NodeTuple> e : m.entrySet()) {
            List<World.Slice> list = new ArrayList<>();
            for (Node item : sequence(e.getValue().getValueNode(), "corpus pool " + e.getKey())) {
                list.add(slice(item, e.getKey()));
            }
            if (list.isEmpty()) {
                throw error(e.getValue().getValueNode(), "corpus pool " + e.getKey() + " is empty");
            }
            slices.put(e.getKey(), List.copyOf(list));
        }
        return new World.Pools(false, slices);
    }

    /** {@code FILE}, {@code FILE 0-60%} or {@code FILE 60%-100%}. */
    private World.Slice slice(Node node, String pool) {
        String text = string(node, "a slice of pool " + pool).trim();
        String[] parts = text.split("\\s+");
        String file = parts[0];
        if (!file.matches("[A-Za-z0-9_.-]+") || parts.length > 2) {
            throw error(
                    node,
                    "a slice is a corpus file name and an optional range such as 0-60%, got '"
                            + text
                            + "'");
        }
        double from = 0;
        double to = 1;
        if (parts.length == 2) {
            String r = parts[1];
            int dash = r.indexOf('-');
            if (!r.endsWith("%") || dash <= 0) {
                throw error(
                        node, "a slice's range is written like 0-60% or 60%-100%, got '" + r + "'");
            }
            try {
                from = Double.parseDouble(r.substring(0, dash).replace("%", "")) / 100;
                to = Double.parseDouble(r.substring(dash + 1, r.length() - 1)) / 100;
            } catch (NumberFormatException e) {
                throw error(
                        node, "a slice's range is written like 0-60% or 60%-100%, got '" + r + "'");
            }
            if (!(0 <= from && from < to && to <= 1)) {
                throw error(
                        node,
                        "a slice's range must satisfy 0% <= from < to <= 100%, got '" + r + "'");
            }
        }
        Mark mark = node.getStartMark();
        return new World.Slice(file, from, to, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private List<Cohort> cohorts(Node node) {
        List<Node> items = sequence(node, "cohorts");
        if (items.isEmpty()) {
            throw error(node, "a world needs at least one cohort");
        }
        List<Cohort> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (Node item : items) {
            if (!(item instanceof MappingNode)) {
                throw error(item, "each cohort must be a mapping (archetype: ..., count: ...)");
            }
            Map<String, NodeTuple> all = new LinkedHashMap<>();
            for (NodeTuple t : ((MappingNode) item).getValue()) {
                String k = scalar(t.getKeyNode(), "a cohort's key").getValue();
                NodeTuple first = all.put(k, t);
                if (first != null) {
                    throw error(
                            t.getKeyNode(),
                            "duplicate key '"
                                    + k
                                    + "' in a cohort (first at line "
                                    + (first.getKeyNode().getStartMark().getLine() + 1)
                                    + ")");
                }
            }
            Node archetypeNode = required(all, "archetype", item);
            String archetypeName = string(archetypeNode, "archetype");
            Archetype archetype = Archetypes.byName(archetypeName);
            if (archetype == null) {
                Set<String> known = new TreeSet<>();
                Archetypes.all().forEach(a -> known.add(a.name()));
                throw error(
                        archetypeNode,
                        "unknown archetype '" + archetypeName + "'" + hint(archetypeName, known));
            }
            Set<String> allowed = new TreeSet<>(archetype.params().keySet());
            allowed.addAll(List.of("archetype", "name", "count"));
            for (NodeTuple t : all.values()) {
                String k = ((ScalarNode) t.getKeyNode()).getValue();
                if (!allowed.contains(k)) {
                    throw error(
                            t.getKeyNode(),
                            "unknown key '"
                                    + k
                                    + "' for archetype "
                                    + archetypeName
                                    + hint(k, allowed));
                }
            }
            Node countNode = required(all, "count", item);
            long count = integer(countNode, "count");
            if (count < 1 || count > 100_000) {
                throw error(countNode, "count must be from 1 to 100000");
            }
            String cohortName =
                    all.containsKey("name")
                            ? string(all.get("name").getValueNode(), "name")
                            : archetypeName;
            if (!cohortName.matches("[a-z0-9][a-z0-9-]*")) {
                throw error(
                        all.containsKey("name") ? all.get("name").getValueNode() : archetypeNode,
                        "a cohort's name is lower-case letters, digits and dashes, got '"
                                + cohortName
                                + "'");
            }
            int line = item.getStartMark().getLine() + 1;
            Integer before = names.put(cohortName, line);
            if (before != null) {
                throw error(
                        item,
                        "cohort name '"
                                + cohortName
                                + "' is used twice (first at line "
                                + before
                                + "); give one of them a name:");
            }
            Map<String, ParamValue> params = new LinkedHashMap<>();
            for (ParamSpec spec : archetype.params().values()) {
                NodeTuple t = all.get(spec.name());
                params.put(
                        spec.name(),
                        t == null ? spec.defaultValue() : param(t.getValueNode(), spec));
            }
            out.add(new Cohort(cohortName, archetype, (int) count, Map.copyOf(params), line));
        }
        return List.copyOf(out);
    }

    private ParamValue param(Node node, ParamSpec spec) {
        if (spec.type() == ParamType.CHOICE && node instanceof SequenceNode s) {
            List<String> words = new ArrayList<>();
            for (Node n : s.getValue()) {
                words.add(value(n, spec.name(), spec).choices().get(0));
            }
            if (words.isEmpty()) {
                throw error(node, spec.name() + " lists no choice");
            }
            return new ParamValue(0, 0, List.copyOf(words));
        }
        return value(node, spec.name(), spec);
    }

    private ParamValue value(Node node, String what, ParamSpec spec) {
        try {
            return ParamValue.parse(scalar(node, what).getValue(), spec.type(), spec.choices());
        } catch (IllegalArgumentException e) {
            throw error(node, what + ": " + e.getMessage());
        }
    }

    private ParamValue value(Node node, String what, ParamType type) {
        return value(node, what, ParamSpec.of(what, type, "0", ""));
    }

    // --- YAML access with positions ---

    private Node compose(String text) {
        if (text.length() > MAX_CHARS) {
            throw new WorldFileException(source, 0, 0, "the file is larger than 1 MiB");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CHARS);
        try {
            return new Yaml(new SafeConstructor(options)).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new WorldFileException(
                    source,
                    mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1,
                    "YAML syntax error: " + problem.trim());
        } catch (YAMLException e) {
            throw new WorldFileException(source, 0, 0, "YAML syntax error: " + e.getMessage());
        }
    }

    private WorldFileException error(Node node, String reason) {
        Mark m = node == null ? null : node.getStartMark();
        return new WorldFileException(
                source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, reason);
    }

    private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping (key: value lines)");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode(), "a key of " + what).getValue();
            if (!allowed.contains(k)) {
                throw error(
                        t.getKeyNode(), "unknown key '" + k + "' in " + what + hint(k, allowed));
            }
            NodeTuple first = entries.put(k, t);
            if (first != null) {
                throw error(
                        t.getKeyNode(),
                        "duplicate key '"
                                + k
                                + "' in "
                                + what
                                + " (first at line "
                                + (first.getKeyNode().getStartMark().getLine() + 1)
                                + ")");
            }
        }
        return entries;
    }

    private Node required(Map<String, NodeTuple> m, String key, Node owner) {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw error(owner, "missing " + key + ":");
        }
        return t.getValueNode();
    }

    private static Node value(Map<String, NodeTuple> m, String key) {
        return m.get(key).getValueNode();
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode s)) {
            throw error(node, what + " must be a list (lines starting with '- ')");
        }
        return s.getValue();
    }

    private ScalarNode scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(
                    node,
                    what
                            + " must be a single value, got a "
                            + (node instanceof MappingNode ? "mapping" : "list"));
        }
        return s;
    }

    private String string(Node node, String what) {
        String v = scalar(node, what).getValue();
        if (v.isBlank()) {
            throw error(node, what + " must not be empty");
        }
        return v;
    }

    private long integer(Node node, String what) {
        String v = scalar(node, what).getValue().replace("_", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, got '" + v + "'");
        }
    }

    private static String hint(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = 4;
        for (String a : allowed) {
            int d = distance(key, a);
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best != null
                ? "; did you mean '" + best + "'?"
                : "; allowed: " + String.join(", ", new TreeSet<>(allowed));
    }

    /** Levenshtein distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
