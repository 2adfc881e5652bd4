package dev.exdetect.rules.parse;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.expr.Contradictions;
import dev.exdetect.rules.expr.Suggestions;
import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.TenantOverride;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code overrides} block of a rule pack: per-client allowlisting and shadow mode (with
 * an optional end), and per-tenant allowlisting, shadow mode and thresholds for some rules. An
 * override that changes nothing is refused, as is a tenant threshold that names a feature its rule
 * does not use or that makes the rule's condition impossible.
 */
final class OverridesParser {
    private static final Set<String> OVERRIDES_KEYS = Set.of("clients", "tenants");
    private static final Set<String> CLIENT_KEYS =
            Set.of("client_id", "tenant", "allow", "dry_run", "reason", "until");
    private static final Set<String> TENANT_KEYS =
            Set.of("tenant", "allow", "dry_run", "reason", "thresholds");
    private static final List<String> FEATURE_IDS =
            Arrays.stream(Feature.values()).map(Feature::id).toList();

    private final YamlReader yaml;

    OverridesParser(YamlReader yaml) {
        this.yaml = yaml;
    }

    /**
     * The overrides in {@code node}. {@code rules} (the pack's newest rule of each id) checks the
     * per-tenant thresholds; null when the overrides come without their rules (a rule-topic
     * message), then thresholds are checked only for known feature names.
     */
    Overrides overrides(Node node, Map<String, Rule> rules) throws RuleFileException {
        YamlMapping m = yaml.mapping(node, "'overrides'", OVERRIDES_KEYS);
        List<ClientOverride> clients = new ArrayList<>();
        if (m.has("clients")) {
            for (Node n : yaml.sequence(m.get("clients"), "'overrides.clients'")) {
                clients.add(client(n));
            }
        }
        List<TenantOverride> tenants = new ArrayList<>();
        if (m.has("tenants")) {
            for (Node n : yaml.sequence(m.get("tenants"), "'overrides.tenants'")) {
                tenants.add(tenant(n, rules));
            }
        }
        return new Overrides(List.copyOf(clients), List.copyOf(tenants));
    }

    private ClientOverride client(Node node) throws RuleFileException {
        YamlMapping m = yaml.mapping(node, "a client override", CLIENT_KEYS);
        String clientId = yaml.string(m.required("client_id", "a client override"), "'client_id'");
        String what = "override of client '" + clientId + "'";
        String tenant = m.optional("tenant", null, n -> yaml.string(n, what + ": 'tenant'"));
        boolean allow = m.optional("allow", false, n -> yaml.bool(n, what + ": 'allow'"));
        boolean dryRun = m.optional("dry_run", false, n -> yaml.bool(n, what + ": 'dry_run'"));
        if (!allow && !dryRun) {
            throw yaml.error(node, what + " does nothing: set 'allow: true' or 'dry_run: true'");
        }
        String reason = m.optional("reason", null, n -> yaml.string(n, what + ": 'reason'"));
        Instant until = m.optional("until", null, n -> yaml.instant(n, what + ": 'until'"));
        return new ClientOverride(tenant, clientId, allow, dryRun, reason, until);
    }

    private TenantOverride tenant(Node node, Map<String, Rule> rules) throws RuleFileException {
        YamlMapping m = yaml.mapping(node, "a tenant override", TENANT_KEYS);
        String tenant = yaml.string(m.required("tenant", "a tenant override"), "'tenant'");
        String what = "override of tenant '" + tenant + "'";
        boolean allow = m.optional("allow", false, n -> yaml.bool(n, what + ": 'allow'"));
        boolean dryRun = m.optional("dry_run", false, n -> yaml.bool(n, what + ": 'dry_run'"));
        String reason = m.optional("reason", null, n -> yaml.string(n, what + ": 'reason'"));
        Map<String, Map<Feature, Double>> thresholds =
                m.optional("thresholds", Map.of(), n -> thresholdsByRule(n, rules, what));
        if (!allow && !dryRun && thresholds.isEmpty()) {
            throw yaml.error(node, what + " does nothing: set 'allow', 'dry_run' or 'thresholds'");
        }
        return new TenantOverride(tenant, allow, dryRun, reason, Map.copyOf(thresholds));
    }

    /** {@code rule id: {feature: threshold}}; with {@code rules}, each id must be one of them. */
    private Map<String, Map<Feature, Double>> thresholdsByRule(
            Node node, Map<String, Rule> rules, String what) throws RuleFileException {
        Map<String, Map<Feature, Double>> byRule = new LinkedHashMap<>();
        for (NodeTuple t :
                yaml.entries(
                        node, what + ": 'thresholds' must map rule ids to {feature: threshold}")) {
            String ruleId = yaml.string(t.getKeyNode(), what + ": rule id");
            Rule rule = rules == null ? null : rules.get(ruleId);
            if (rules != null && rule == null) {
                throw yaml.error(
                        t.getKeyNode(),
                        what
                                + ": no rule '"
                                + ruleId
                                + "' in this file"
                                + didYouMean(ruleId, rules.keySet()));
            }
            byRule.put(
                    ruleId,
                    featureThresholds(t.getValueNode(), rule, what + ", rule '" + ruleId + "'"));
        }
        return byRule;
    }

    /**
     * {@code feature: threshold} for one rule; with the {@code rule}, each feature must be one its
     * condition compares, and the condition with these thresholds must still be able to hold.
     */
    private Map<Feature, Double> featureThresholds(Node node, Rule rule, String what)
            throws RuleFileException {
        Map<Feature, Double> byFeature = new EnumMap<>(Feature.class);
        for (NodeTuple t : yaml.entries(node, what + ": thresholds must map features to numbers")) {
            String name = yaml.string(t.getKeyNode(), what + ": feature");
            Feature f = Feature.byId(name);
            if (f == null) {
                throw yaml.error(
                        t.getKeyNode(),
                        what + ": unknown feature '" + name + "'" + didYouMean(name, FEATURE_IDS));
            }
            if (rule != null && !compares(rule, f)) {
                throw yaml.error(
                        t.getKeyNode(),
                        what + ": the rule's condition does not use '" + name + "'");
            }
            byFeature.put(f, yaml.number(t.getValueNode(), what + ": '" + name + "'"));
        }
        if (rule != null) {
            Optional<String> contradiction =
                    Contradictions.find(rule.condition().withThresholds(byFeature));
            if (contradiction.isPresent()) {
                throw yaml.error(node, what + ": with these thresholds " + contradiction.get());
            }
        }
        return byFeature;
    }

    private static boolean compares(Rule rule, Feature feature) {
        boolean[] used = {false};
        rule.condition().forEachComparison(c -> used[0] |= c.feature() == feature);
        return used[0];
    }

    /** A "did you mean" hint, or nothing when no name is close. */
    private static String didYouMean(String name, Collection<String> known) {
        String best = Suggestions.closest(name, known, 3);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }
}
