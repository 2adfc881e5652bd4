package dev.exdetect.rules.parse;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.expr.Condition;
import dev.exdetect.rules.expr.Contradictions;
import dev.exdetect.rules.expr.ExpressionException;
import dev.exdetect.rules.expr.ExpressionParser;
import dev.exdetect.rules.expr.Suggestions;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.SeverityBands;
import dev.exdetect.rules.model.TenantOverride;
import dev.exdetect.rules.model.ThrottleLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads rule files (YAML; JSON is accepted too) into {@link RulePack}s and single rule messages
 * into {@link Rule}s, refusing anything wrong with the source, line, column and reason. The format
 * is documented in {@code docs/RULES.md}.
 */
public final class RulePackParser {
    /** Rule ids: letters, digits, dot, dash and underscore; they are also Kafka keys. */
    public static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * The {@code schema} of a rules export (the detector's answer to an export command): such a
     * document is a rule pack too, so the rules that were in force can be replayed as they were.
     */
    public static final String EXPORT_SCHEMA = "exdetect.rules-export.v1";

    private static final Set<String> PACK_KEYS =
            Set.of("settings", "rules", "overrides", "schema", "requested_by");
    private static final Set<String> SETTINGS_KEYS =
            Set.of("severity", "suppress_for", "dry_run", "response");
    private static final Set<String> POLICY_KEYS =
            Set.of("escalate_after", "max_action", "release_below", "cool_down", "throttle_limit");
    private static final Set<String> OVERRIDES_KEYS = Set.of("clients", "tenants");
    private static final Set<String> CLIENT_OVERRIDE_KEYS =
            Set.of("client_id", "tenant", "allow", "dry_run", "reason", "until");
    private static final Set<String> TENANT_OVERRIDE_KEYS =
            Set.of("tenant", "allow", "dry_run", "reason", "thresholds");
    private static final Set<String> SEVERITY_KEYS = Set.of("medium", "high", "critical");
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
    private static final Set<String> LIMIT_KEYS = Set.of("requests", "per_seconds");

    private final YamlReader yaml;
    private final String source;

    private RulePackParser(String source) {
        this.source = source;
        this.yaml = new YamlReader(source);
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
        return root == null ? RuleSettings.defaults() : p.settings(root);
    }

    /**
     * Reads and checks an {@code overrides} block written on its own (a rule-topic message). Rule
     * ids in per-tenant thresholds cannot be checked against rules here; unknown ones are ignored
     * when the overrides are applied.
     */
    public static Overrides parseOverrides(String source, String text) throws RuleFileException {
        RulePackParser p = new RulePackParser(source);
        Node root = p.yaml.compose(text);
        return root == null ? Overrides.none() : p.overrides(root, null);
    }

    private RulePack pack(String text) throws RuleFileException {
        Node root = yaml.compose(text);
        if (root == null) {
            throw new RuleFileException(source, 0, 0, "the rule file is empty");
        }
        Map<String, NodeTuple> top = yaml.mapping(root, "the rule file", PACK_KEYS);
        if (top.containsKey("schema")) {
            Node schema = top.get("schema").getValueNode();
            if (!EXPORT_SCHEMA.equals(yaml.text(schema, "'schema'"))) {
                throw yaml.error(
                        schema,
                        "'schema' may only be "
                                + EXPORT_SCHEMA
                                + " (a rules export); a rule file has none");
            }
        }
        RuleSettings settings =
                top.containsKey("settings")
                        ? settings(top.get("settings").getValueNode())
                        : RuleSettings.defaults();
        if (!top.containsKey("rules")) {
            throw yaml.error(root, "the rule file has no 'rules:' list");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        Map<String, Rule> latestById = new HashMap<>();
        for (Node node : yaml.sequence(top.get("rules").getValueNode(), "'rules'")) {
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
            Rule earlier = latestById.get(rule.id());
            if (earlier != null
                    && (rule.version() > earlier.version()
                            == rule.effectiveFrom().isBefore(earlier.effectiveFrom()))
                    && !rule.effectiveFrom().equals(earlier.effectiveFrom())) {
                throw yaml.error(
                        node,
                        "rule '"
                                + rule.id()
                                + "': a higher version must not take effect before a lower one"
                                + " (versions "
                                + Math.min(rule.version(), earlier.version())
                                + " and "
                                + Math.max(rule.version(), earlier.version())
                                + ")");
            }
            if (earlier == null || rule.version() > earlier.version()) {
                latestById.put(rule.id(), rule);
            }
            rules.add(rule);
        }
        Overrides overrides =
                top.containsKey("overrides")
                        ? overrides(top.get("overrides").getValueNode(), latestById)
                        : Overrides.none();
        return new RulePack(source, settings, List.copyOf(rules), overrides);
    }

    private RuleSettings settings(Node node) throws RuleFileException {
        RuleSettings d = RuleSettings.defaults();
        Map<String, NodeTuple> m = yaml.mapping(node, "'settings'", SETTINGS_KEYS);
        SeverityBands bands = d.severity();
        if (m.containsKey("severity")) {
            Node sevNode = m.get("severity").getValueNode();
            Map<String, NodeTuple> s = yaml.mapping(sevNode, "'severity'", SEVERITY_KEYS);
            double medium = band(s, "medium", bands.medium());
            double high = band(s, "high", bands.high());
            double critical = band(s, "critical", bands.critical());
            if (!(medium < high && high < critical)) {
                throw yaml.error(
                        sevNode,
                        "severity bands must rise: medium < high < critical, got "
                                + medium
                                + ", "
                                + high
                                + ", "
                                + critical);
            }
            bands = new SeverityBands(medium, high, critical);
        }
        Duration suppress =
                m.containsKey("suppress_for")
                        ? duration(m.get("suppress_for").getValueNode(), "'suppress_for'")
                        : d.suppressFor();
        boolean dryRun =
                m.containsKey("dry_run")
                        ? yaml.bool(m.get("dry_run").getValueNode(), "'dry_run'")
                        : d.dryRun();
        ResponsePolicy policy =
                m.containsKey("response") ? policy(m.get("response").getValueNode()) : d.response();
        return new RuleSettings(bands, suppress, dryRun, policy);
    }

    private ResponsePolicy policy(Node node) throws RuleFileException {
        ResponsePolicy d = ResponsePolicy.defaults();
        Map<String, NodeTuple> m = yaml.mapping(node, "'settings.response'", POLICY_KEYS);
        Duration escalateAfter =
                m.containsKey("escalate_after")
                        ? duration(m.get("escalate_after").getValueNode(), "'escalate_after'")
                        : d.escalateAfter();
        Action maxAction = d.maxAction();
        if (m.containsKey("max_action")) {
            Node n = m.get("max_action").getValueNode();
            maxAction = enumValue(Action.class, n, "'max_action'");
            if (!maxAction.enforces()) {
                throw yaml.error(
                        n, "'max_action' must be DEGRADE, THROTTLE or BLOCK, got " + maxAction);
            }
        }
        double releaseBelow = d.releaseBelow();
        if (m.containsKey("release_below")) {
            Node n = m.get("release_below").getValueNode();
            releaseBelow = yaml.number(n, "'release_below'");
            if (releaseBelow <= 0 || releaseBelow > 1) {
                throw yaml.error(n, "'release_below' must be in (0, 1], got " + releaseBelow);
            }
        }
        Duration coolDown =
                m.containsKey("cool_down")
                        ? duration(m.get("cool_down").getValueNode(), "'cool_down'")
                        : d.coolDown();
        if (coolDown.isZero()) {
            throw yaml.error(m.get("cool_down").getValueNode(), "'cool_down' must be positive");
        }
        ThrottleLimit limit =
                m.containsKey("throttle_limit")
                        ? limit(m.get("throttle_limit").getValueNode(), "'settings.response'")
                        : d.throttleLimit();
        return new ResponsePolicy(escalateAfter, maxAction, releaseBelow, coolDown, limit);
    }

    /** Overrides; {@code rules} (the pack's rules by id) checks threshold overrides, when known. */
    private Overrides overrides(Node node, Map<String, Rule> rules) throws RuleFileException {
        Map<String, NodeTuple> m = yaml.mapping(node, "'overrides'", OVERRIDES_KEYS);
        List<ClientOverride> clients = new ArrayList<>();
        if (m.containsKey("clients")) {
            for (Node n : yaml.sequence(m.get("clients").getValueNode(), "'overrides.clients'")) {
                clients.add(clientOverride(n));
            }
        }
        List<TenantOverride> tenants = new ArrayList<>();
        if (m.containsKey("tenants")) {
            for (Node n : yaml.sequence(m.get("tenants").getValueNode(), "'overrides.tenants'")) {
                tenants.add(tenantOverride(n, rules));
            }
        }
        return new Overrides(List.copyOf(clients), List.copyOf(tenants));
    }

    private ClientOverride clientOverride(Node node) throws RuleFileException {
        Map<String, NodeTuple> m = yaml.mapping(node, "a client override", CLIENT_OVERRIDE_KEYS);
        String clientId =
                yaml.string(required(m, node, "client_id", "a client override"), "'client_id'");
        String what = "override of client '" + clientId + "'";
        String tenant =
                m.containsKey("tenant")
                        ? yaml.string(m.get("tenant").getValueNode(), what + ": 'tenant'")
                        : null;
        boolean allow =
                m.containsKey("allow")
                        && yaml.bool(m.get("allow").getValueNode(), what + ": 'allow'");
        boolean dryRun =
                m.containsKey("dry_run")
                        && yaml.bool(m.get("dry_run").getValueNode(), what + ": 'dry_run'");
        if (!allow && !dryRun) {
            throw yaml.error(node, what + " does nothing: set 'allow: true' or 'dry_run: true'");
        }
        String reason =
                m.containsKey("reason")
                        ? yaml.string(m.get("reason").getValueNode(), what + ": 'reason'")
                        : null;
        Instant until =
                m.containsKey("until")
                        ? instant(m.get("until").getValueNode(), what, "until")
                        : null;
        return new ClientOverride(tenant, clientId, allow, dryRun, reason, until);
    }

    private TenantOverride tenantOverride(Node node, Map<String, Rule> rules)
            throws RuleFileException {
        Map<String, NodeTuple> m = yaml.mapping(node, "a tenant override", TENANT_OVERRIDE_KEYS);
        String tenant = yaml.string(required(m, node, "tenant", "a tenant override"), "'tenant'");
        String what = "override of tenant '" + tenant + "'";
        boolean allow =
                m.containsKey("allow")
                        && yaml.bool(m.get("allow").getValueNode(), what + ": 'allow'");
        boolean dryRun =
                m.containsKey("dry_run")
                        && yaml.bool(m.get("dry_run").getValueNode(), what + ": 'dry_run'");
        String reason =
                m.containsKey("reason")
                        ? yaml.string(m.get("reason").getValueNode(), what + ": 'reason'")
                        : null;
        Map<String, Map<Feature, Double>> thresholds = new LinkedHashMap<>();
        if (m.containsKey("thresholds")) {
            Node tNode = m.get("thresholds").getValueNode();
            if (!(tNode instanceof MappingNode tm)) {
                throw yaml.error(
                        tNode, what + ": 'thresholds' must map rule ids to {feature: threshold}");
            }
            for (NodeTuple byRule : tm.getValue()) {
                String ruleId = yaml.string(byRule.getKeyNode(), what + ": rule id");
                Rule rule = rules == null ? null : rules.get(ruleId);
                if (rules != null && rule == null) {
                    throw yaml.error(
                            byRule.getKeyNode(),
                            what
                                    + ": no rule '"
                                    + ruleId
                                    + "' in this file"
                                    + suggestion(ruleId, rules.keySet()));
                }
                thresholds.put(
                        ruleId,
                        featureThresholds(
                                byRule.getValueNode(), rule, what + ", rule '" + ruleId + "'"));
            }
        }
        if (!allow && !dryRun && thresholds.isEmpty()) {
            throw yaml.error(node, what + " does nothing: set 'allow', 'dry_run' or 'thresholds'");
        }
        return new TenantOverride(tenant, allow, dryRun, reason, Map.copyOf(thresholds));
    }

    private Map<Feature, Double> featureThresholds(Node node, Rule rule, String what)
            throws RuleFileException {
        if (!(node instanceof MappingNode fm)) {
            throw yaml.error(node, what + ": thresholds must map features to numbers");
        }
        Map<Feature, Double> byFeature = new EnumMap<>(Feature.class);
        for (NodeTuple t : fm.getValue()) {
            String name = yaml.string(t.getKeyNode(), what + ": feature");
            Feature f = Feature.byId(name);
            if (f == null) {
                throw yaml.error(
                        t.getKeyNode(),
                        what
                                + ": unknown feature '"
                                + name
                                + "'"
                                + suggestion(
                                        name,
                                        java.util.Arrays.stream(Feature.values())
                                                .map(Feature::id)
                                                .toList()));
            }
            if (rule != null) {
                boolean[] used = {false};
                rule.condition().forEachComparison(c -> used[0] |= c.feature() == f);
                if (!used[0]) {
                    throw yaml.error(
                            t.getKeyNode(),
                            what + ": the rule's condition does not use '" + name + "'");
                }
            }
            byFeature.put(f, yaml.number(t.getValueNode(), what + ": '" + name + "'"));
        }
        if (rule != null) {
            var contradiction = Contradictions.find(rule.condition().withThresholds(byFeature));
            if (contradiction.isPresent()) {
                throw yaml.error(node, what + ": with these thresholds " + contradiction.get());
            }
        }
        return byFeature;
    }

    private static String suggestion(String name, java.util.Collection<String> known) {
        String best = Suggestions.closest(name, known, 3);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    private ThrottleLimit limit(Node limitNode, String what) throws RuleFileException {
        Map<String, NodeTuple> l = yaml.mapping(limitNode, what + ": 'limit'", LIMIT_KEYS);
        int requests =
                positiveInt(
                        required(l, limitNode, "requests", what + ": 'limit'"),
                        what + ": 'limit.requests'");
        int perSeconds =
                positiveInt(
                        required(l, limitNode, "per_seconds", what + ": 'limit'"),
                        what + ": 'limit.per_seconds'");
        return new ThrottleLimit(requests, perSeconds);
    }

    private double band(Map<String, NodeTuple> m, String key, double fallback)
            throws RuleFileException {
        if (!m.containsKey(key)) {
            return fallback;
        }
        Node n = m.get(key).getValueNode();
        double v = yaml.number(n, "severity '" + key + "'");
        if (v <= 0 || v > 1) {
            throw yaml.error(n, "severity '" + key + "' must be in (0, 1], got " + v);
        }
        return v;
    }

    private Rule rule(Node node) throws RuleFileException {
        Map<String, NodeTuple> m = yaml.mapping(node, "a rule", RULE_KEYS);
        Node idNode = required(m, node, "id", "a rule");
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
        Node versionNode = required(m, node, "version", what);
        long version = yaml.integer(versionNode, what + ": 'version'");
        if (version < 1 || version > Integer.MAX_VALUE) {
            throw yaml.error(versionNode, what + ": 'version' must be a positive whole number");
        }
        String description =
                yaml.string(required(m, node, "description", what), what + ": 'description'");
        AttackType attackType =
                m.containsKey("attack_type")
                        ? enumValue(
                                AttackType.class,
                                m.get("attack_type").getValueNode(),
                                what + ": 'attack_type'")
                        : AttackType.UNKNOWN;
        Instant effectiveFrom =
                m.containsKey("effective_from")
                        ? instant(m.get("effective_from").getValueNode(), what, "effective_from")
                        : Instant.EPOCH;

        Node whenNode = required(m, node, "when", what);
        String when = yaml.string(whenNode, what + ": 'when'");
        Condition condition = condition(whenNode, when, what);

        long minRequests = 0;
        if (m.containsKey("min_requests")) {
            Node n = m.get("min_requests").getValueNode();
            minRequests = yaml.integer(n, what + ": 'min_requests'");
            if (minRequests < 0) {
                throw yaml.error(n, what + ": 'min_requests' must not be negative");
            }
        }
        Node scoreNode = required(m, node, "score", what);
        double score = yaml.number(scoreNode, what + ": 'score'");
        if (score <= 0 || score > 1) {
            throw yaml.error(scoreNode, what + ": 'score' must be in (0, 1], got " + score);
        }
        Response response =
                m.containsKey("response")
                        ? response(m.get("response").getValueNode(), what)
                        : Response.monitor();
        boolean dryRun =
                m.containsKey("dry_run")
                        && yaml.bool(m.get("dry_run").getValueNode(), what + ": 'dry_run'");
        return new Rule(
                id,
                (int) version,
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

    private Condition condition(Node whenNode, String when, String what) throws RuleFileException {
        Condition condition;
        try {
            condition = ExpressionParser.parse(when);
        } catch (ExpressionException e) {
            throw whenError(whenNode, e.column(), what + ": 'when': " + e.getMessage());
        }
        var contradiction = Contradictions.find(condition);
        if (contradiction.isPresent()) {
            throw yaml.error(whenNode, what + ": 'when': " + contradiction.get());
        }
        java.util.Set<Feature.Scope> scopes = java.util.EnumSet.noneOf(Feature.Scope.class);
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
        Map<String, NodeTuple> m = yaml.mapping(node, what + ": 'response'", RESPONSE_KEYS);
        Node actionNode = required(m, node, "action", what + ": 'response'");
        Action action = enumValue(Action.class, actionNode, what + ": 'response.action'");
        if (action == Action.ALLOW) {
            throw yaml.error(
                    actionNode,
                    what
                            + ": a rule cannot respond with ALLOW; allowlist clients in the"
                            + " overrides instead");
        }
        ThrottleLimit limit = null;
        if (m.containsKey("limit")) {
            Node limitNode = m.get("limit").getValueNode();
            if (action != Action.THROTTLE) {
                throw yaml.error(
                        limitNode, what + ": 'limit' only applies to THROTTLE, not " + action);
            }
            limit = limit(limitNode, what);
        } else if (action == Action.THROTTLE) {
            throw yaml.error(node, what + ": THROTTLE needs a 'limit' {requests, per_seconds}");
        }
        Duration ttl = Duration.ZERO;
        if (m.containsKey("ttl")) {
            ttl = duration(m.get("ttl").getValueNode(), what + ": 'ttl'");
        }
        if (action.enforces() && (ttl.isZero() || ttl.isNegative())) {
            throw yaml.error(node, what + ": " + action + " needs a positive 'ttl' such as 15m");
        }
        return new Response(action, limit, ttl);
    }

    private int positiveInt(Node n, String what) throws RuleFileException {
        long v = yaml.integer(n, what);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw yaml.error(n, what + " must be a positive whole number");
        }
        return (int) v;
    }

    private Duration duration(Node n, String what) throws RuleFileException {
        try {
            Duration d = Durations.parse(yaml.text(n, what));
            if (d.isNegative()) {
                throw new IllegalArgumentException("must not be negative");
            }
            d.toMillis(); // durations are used as epoch milliseconds: must fit in a long
            return d;
        } catch (ArithmeticException e) {
            throw yaml.error(n, what + ": '" + yaml.text(n, what) + "' is too long");
        } catch (IllegalArgumentException e) {
            throw yaml.error(n, what + ": " + e.getMessage());
        }
    }

    private Instant instant(Node n, String what, String key) throws RuleFileException {
        String text = yaml.text(n, what + ": '" + key + "'");
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw yaml.error(
                    n,
                    what
                            + ": '"
                            + key
                            + "' must be an RFC 3339 time with offset, e.g."
                            + " 2026-11-02T10:00:00Z, got '"
                            + text
                            + "'");
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Node n, String what)
            throws RuleFileException {
        String text = yaml.string(n, what);
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw yaml.error(
                    n,
                    what
                            + " must be one of "
                            + Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + text
                            + "'");
        }
    }

    private Node required(Map<String, NodeTuple> m, Node parent, String key, String what)
            throws RuleFileException {
        NodeTuple t = m.get(key);
        if (t == null) {
            throw yaml.error(parent, what + " lacks '" + key + "'");
        }
        if (t.getValueNode() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            throw yaml.error(t.getValueNode(), what + ": '" + key + "' is empty");
        }
        return t.getValueNode();
    }
}
