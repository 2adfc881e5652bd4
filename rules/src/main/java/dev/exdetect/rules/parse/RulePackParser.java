package dev.exdetect.rules.parse;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.expr.Condition;
import dev.exdetect.rules.expr.Contradictions;
import dev.exdetect.rules.expr.ExpressionException;
import dev.exdetect.rules.expr.ExpressionParser;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.ThrottleLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads rule files (YAML; JSON is accepted too) into {@link RulePack}s and single rule messages
 * into {@link Rule}s, refusing anything wrong with the source, line, column and reason. The format
 * is documented in {@code docs/RULES.md}.
 *
 * <p>This class reads the shape of a pack and of its rules; the {@code settings} and {@code
 * overrides} blocks have their own parsers ({@link SettingsParser}, {@link OverridesParser}), and
 * values are read and refused by {@link YamlReader}.
 */
public final class RulePackParser {
    /** Rule ids: letters, digits, dot, dash and underscore; they are also Kafka keys. */
    public static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * The {@code schema} of a rules export (the detector's answer to an export command): such a
     * document is a rule pack too, so the rules that were in force can be replayed as they were.
     */
    public static final String EXPORT_SCHEMA = "exdetect.rules-export.v1";

    /** {@code requested_by} is written by exports, which are packs too; it is not read. */
    private static final Set<String> PACK_KEYS =
            Set.of("settings", "rules", "overrides", "schema", "requested_by");

    private static final Set<String> RULE_KEYS =
            Set.of(
                    "id",
                    "version",
                    "description",
                    "attack_type",
                    "effective_from",
                    "when",
                    "min_requests",
                    "score",
                    "response",
                    "dry_run");
    private static final Set<String> RESPONSE_KEYS = Set.of("action", "limit", "ttl");

    private final String source;
    private final YamlReader yaml;
    private final SettingsParser settingsParser;
    private final OverridesParser overridesParser;

    private RulePackParser(String source) {
        this.source = source;
        this.yaml = new YamlReader(source);
        this.settingsParser = new SettingsParser(yaml);
        this.overridesParser = new OverridesParser(yaml);
    }

    /** Reads and checks a rule file. */
    public static RulePack parseFile(Path file) throws RuleFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(file.toString(), 0, 0, "cannot read: " + e.getMessage());
        }
        return parsePack(file.toString(), text);
    }

    /** Reads and checks a rule pack from text; {@code source} names it in messages. */
    public static RulePack parsePack(String source, String text) throws RuleFileException {
        return new RulePackParser(source).pack(text);
    }

    /**
     * Reads and checks one rule written on its own (a rule-topic message: a mapping with {@code
     * id}, {@code version}, ...).
     */
    public static Rule parseRule(String source, String text) throws RuleFileException {
        RulePackParser p = new RulePackParser(source);
        Node root = p.yaml.compose(text);
        if (root == null) {
            throw new RuleFileException(source, 0, 0, "the rule is empty");
        }
        return p.rule(root);
    }

    /** Reads and checks a {@code settings} block written on its own (a rule-topic message). */
    public static RuleSettings parseSettings(String source, String text) throws RuleFileException {
        RulePackParser p = new RulePackParser(source);
        Node root = p.yaml.compose(text);
        return root == null ? RuleSettings.defaults() : p.settingsParser.settings(root);
    }

    /**
     * Reads and checks an {@code overrides} block written on its own (a rule-topic message). Rule
     * ids in per-tenant thresholds cannot be checked against rules here; unknown ones are ignored
     * when the overrides are applied.
     */
    public static Overrides parseOverrides(String source, String text) throws RuleFileException {
        RulePackParser p = new RulePackParser(source);
        Node root = p.yaml.compose(text);
        return root == null ? Overrides.none() : p.overridesParser.overrides(root, null);
    }

    private RulePack pack(String text) throws RuleFileException {
        Node root = yaml.compose(text);
        if (root == null) {
            throw new RuleFileException(source, 0, 0, "the rule file is empty");
        }
        YamlMapping top = yaml.mapping(root, "the rule file", PACK_KEYS);
        if (top.has("schema")) {
            Node schema = top.get("schema");
            if (!EXPORT_SCHEMA.equals(yaml.text(schema, "'schema'"))) {
                throw yaml.error(
                        schema,
                        "'schema' may only be "
                                + EXPORT_SCHEMA
                                + " (a rules export); a rule file has none");
            }
        }
        RuleSettings settings =
                top.optional("settings", RuleSettings.defaults(), settingsParser::settings);
        if (!top.has("rules")) {
            throw yaml.error(root, "the rule file has no 'rules:' list");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        Map<String, Rule> latestById = new HashMap<>();
        for (Node node : yaml.sequence(top.get("rules"), "'rules'")) {
            Rule rule = rule(node);
            String key = rule.id() + "@" + rule.version();
            if (seen.containsKey(key)) {
                throw yaml.error(
                        node,
                        "rule '"
                                + rule.id()
                                + "' version "
                                + rule.version()
                                + " is defined twice (first at line "
                                + (seen.get(key).getStartMark().getLine() + 1)
                                + ")");
            }
            seen.put(key, node);
            Rule latest = latestById.get(rule.id());
            if (latest != null) {
                checkVersionOrder(node, rule, latest);
            }
            if (latest == null || rule.version() > latest.version()) {
                latestById.put(rule.id(), rule);
            }
            rules.add(rule);
        }
        Overrides overrides =
                top.optional(
                        "overrides",
                        Overrides.none(),
                        n -> overridesParser.overrides(n, latestById));
        return new RulePack(source, settings, List.copyOf(rules), overrides);
    }

    /**
     * Refuses {@code rule} when it and {@code latest} (the highest version of its id so far, a
     * different version) take effect in the opposite order of their versions; the same time is
     * allowed.
     */
    private void checkVersionOrder(Node node, Rule rule, Rule latest) throws RuleFileException {
        boolean higher = rule.version() > latest.version();
        boolean sooner = rule.effectiveFrom().isBefore(latest.effectiveFrom());
        if (higher == sooner && !rule.effectiveFrom().equals(latest.effectiveFrom())) {
            throw yaml.error(
                    node,
                    "rule '"
                            + rule.id()
                            + "': a higher version must not take effect before a lower one"
                            + " (versions "
                            + Math.min(rule.version(), latest.version())
                            + " and "
                            + Math.max(rule.version(), latest.version())
                            + ")");
        }
    }

    private Rule rule(Node node) throws RuleFileException {
        YamlMapping m = yaml.mapping(node, "a rule", RULE_KEYS);
        Node idNode = m.required("id", "a rule");
        String id = yaml.string(idNode, "'id'");
        if (!RULE_ID.matcher(id).matches()) {
            throw yaml.error(
                    idNode,
                    "rule id '"
                            + id
                            + "' must be 1-64 letters, digits, '.', '-' or '_', starting with a"
                            + " letter or digit");
        }
        String what = "rule '" + id + "'";
        int version = yaml.positiveInt(m.required("version", what), what + ": 'version'");
        String description = yaml.string(m.required("description", what), what + ": 'description'");
        AttackType attackType =
                m.optional(
                        "attack_type",
                        AttackType.UNKNOWN,
                        n -> yaml.enumValue(AttackType.class, n, what + ": 'attack_type'"));
        Instant effectiveFrom =
                m.optional(
                        "effective_from",
                        Instant.EPOCH,
                        n -> yaml.instant(n, what + ": 'effective_from'"));

        Node whenNode = m.required("when", what);
        String when = yaml.string(whenNode, what + ": 'when'");
        Condition condition = condition(whenNode, when, what);

        long minRequests = m.optional("min_requests", 0L, n -> minRequests(n, what));
        double score = yaml.fraction(m.required("score", what), what + ": 'score'");
        Response response = m.optional("response", Response.monitor(), n -> response(n, what));
        boolean dryRun = m.optional("dry_run", false, n -> yaml.bool(n, what + ": 'dry_run'"));
        return new Rule(
                id,
                version,
                description,
                attackType,
                effectiveFrom,
                when,
                condition,
                minRequests,
                score,
                response,
                dryRun);
    }

    private long minRequests(Node node, String what) throws RuleFileException {
        long v = yaml.integer(node, what + ": 'min_requests'");
        if (v < 0) {
            throw yaml.error(node, what + ": 'min_requests' must not be negative");
        }
        return v;
    }

    /**
     * The parsed {@code when}: it must be able to hold, and judge either one client or one cluster
     * of linked accounts, never both.
     */
    private Condition condition(Node whenNode, String when, String what) throws RuleFileException {
        Condition condition;
        try {
            condition = ExpressionParser.parse(when);
        } catch (ExpressionException e) {
            throw whenError(whenNode, e.column(), what + ": 'when': " + e.getMessage());
        }
        Optional<String> contradiction = Contradictions.find(condition);
        if (contradiction.isPresent()) {
            throw yaml.error(whenNode, what + ": 'when': " + contradiction.get());
        }
        Set<Feature.Scope> scopes = EnumSet.noneOf(Feature.Scope.class);
        List<String> clusterFeatures = new ArrayList<>();
        condition.forEachComparison(
                c -> {
                    scopes.add(c.feature().scope());
                    if (c.feature().scope() == Feature.Scope.CLUSTER) {
                        clusterFeatures.add(c.feature().id());
                    }
                });
        if (scopes.size() > 1) {
            throw yaml.error(
                    whenNode,
                    what
                            + ": 'when' mixes features of one client with features of a cluster ("
                            + String.join(", ", clusterFeatures)
                            + "); a rule judges either a client or a cluster of linked accounts");
        }
        return condition;
    }

    /** Points at the column inside a plain one-line {@code when}, else at the value. */
    private RuleFileException whenError(Node whenNode, int column, String reason) {
        int line = whenNode.getStartMark().getLine() + 1;
        int col = whenNode.getStartMark().getColumn() + 1;
        boolean plainOneLine =
                whenNode instanceof ScalarNode s
                        && s.isPlain()
                        && whenNode.getStartMark().getLine() == whenNode.getEndMark().getLine();
        return new RuleFileException(source, line, plainOneLine ? col + column - 1 : col, reason);
    }

    private Response response(Node node, String what) throws RuleFileException {
        YamlMapping m = yaml.mapping(node, what + ": 'response'", RESPONSE_KEYS);
        Node actionNode = m.required("action", what + ": 'response'");
        Action action = yaml.enumValue(Action.class, actionNode, what + ": 'response.action'");
        if (action == Action.ALLOW) {
            throw yaml.error(
                    actionNode,
                    what
                            + ": a rule cannot respond with ALLOW; allowlist clients in the"
                            + " overrides instead");
        }
        ThrottleLimit limit = null;
        if (m.has("limit")) {
            Node limitNode = m.get("limit");
            if (action != Action.THROTTLE) {
                throw yaml.error(
                        limitNode, what + ": 'limit' only applies to THROTTLE, not " + action);
            }
            limit = yaml.throttleLimit(limitNode, what);
        } else if (action == Action.THROTTLE) {
            throw yaml.error(node, what + ": THROTTLE needs a 'limit' {requests, per_seconds}");
        }
        Duration ttl = m.optional("ttl", Duration.ZERO, n -> yaml.duration(n, what + ": 'ttl'"));
        if (action.enforces() && ttl.isZero()) {
            throw yaml.error(node, what + ": " + action + " needs a positive 'ttl' such as 15m");
        }
        return new Response(action, limit, ttl);
    }
}
