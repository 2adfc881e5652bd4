package dev.exdetect.job.rules;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.expr.Condition;
import dev.exdetect.rules.expr.Contradictions;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.TenantOverride;
import dev.exdetect.rules.parse.RuleFileException;
import dev.exdetect.rules.parse.RulePackParser;
import dev.exdetect.rules.response.Exemption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules known to one operator instance, compiled from broadcast state: every version of each
 * rule (so each request is judged by the version in force at its event time), the pack settings,
 * and the overrides (allowlists, shadow mode, per-tenant thresholds).
 *
 * <p>Broadcast state keys: {@code rule:<id>@<version>} to canonical rule JSON, {@link
 * #SETTINGS_KEY} and {@link #OVERRIDES_KEY} to their JSON. A rule book is rebuilt from those
 * entries whenever they change (rarely), never per request.
 */
public final class RuleBook {
    /** Broadcast-state key of the pack settings. */
    public static final String SETTINGS_KEY = "settings";

    /** Broadcast-state key of the overrides. */
    public static final String OVERRIDES_KEY = "overrides";

    private static final String RULE_PREFIX = "rule:";
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    private final Map<String, List<Rule>> versionsById;
    private final Map<String, Map<String, List<Rule>>> versionsByTenant;
    private final RuleSettings settings;
    private final Overrides overrides;

    private RuleBook(
            Map<String, List<Rule>> versionsById,
            Map<String, Map<String, List<Rule>>> versionsByTenant,
            RuleSettings settings,
            Overrides overrides) {
        this.versionsById = versionsById;
        this.versionsByTenant = versionsByTenant;
        this.settings = settings;
        this.overrides = overrides;
    }

    /**
     * Applies a rule message to an operator's broadcast state (every operator connected to the
     * rules stream keeps its own copy). Control commands change nothing here.
     */
    public static void apply(
            org.apache.flink.api.common.state.BroadcastState<String, String> state, RuleMessage msg)
            throws Exception {
        switch (msg.kind) {
            case UPSERT -> state.put(stateKey(msg.ruleId, msg.version), msg.text);
            case DELETE -> {
                List<String> keys = new ArrayList<>();
                for (Map.Entry<String, String> entry : state.entries()) {
                    if (isVersionOf(entry.getKey(), msg.ruleId)) {
                        keys.add(entry.getKey());
                    }
                }
                for (String k : keys) {
                    state.remove(k);
                }
            }
            case SETTINGS -> putOrRemove(state, SETTINGS_KEY, msg.text);
            case OVERRIDES -> putOrRemove(state, OVERRIDES_KEY, msg.text);
            case EXPORT -> {}
        }
    }

    private static void putOrRemove(
            org.apache.flink.api.common.state.BroadcastState<String, String> state,
            String key,
            String text)
            throws Exception {
        if (text == null) {
            state.remove(key);
        } else {
            state.put(key, text);
        }
    }

    /** The broadcast-state key of one rule version. */
    public static String stateKey(String ruleId, int version) {
        return RULE_PREFIX + ruleId + "@" + version;
    }

    /** True when {@code stateKey} holds a version of {@code ruleId}. */
    public static boolean isVersionOf(String stateKey, String ruleId) {
        return stateKey.startsWith(RULE_PREFIX + ruleId + "@");
    }

    /**
     * Compiles broadcast-state entries. Entries were validated before they were stored, so a
     * failure here is a bug (or state written by an incompatible version) and is raised as such.
     */
    public static RuleBook compile(Iterable<Map.Entry<String, String>> entries) {
        Map<String, List<Rule>> byId = new TreeMap<>();
        RuleSettings settings = RuleSettings.defaults();
        Overrides overrides = Overrides.none();
        try {
            for (Map.Entry<String, String> e : entries) {
                String source = "state:" + e.getKey();
                if (e.getKey().equals(SETTINGS_KEY)) {
                    settings = RulePackParser.parseSettings(source, e.getValue());
                } else if (e.getKey().equals(OVERRIDES_KEY)) {
                    overrides = RulePackParser.parseOverrides(source, e.getValue());
                } else if (e.getKey().startsWith(RULE_PREFIX)) {
                    Rule rule = RulePackParser.parseRule(source, e.getValue());
                    byId.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add(rule);
                }
            }
        } catch (RuleFileException e) {
            throw new IllegalStateException(
                    "rule in broadcast state does not parse: " + e.getMessage(), e);
        }
        byId.values().forEach(v -> v.sort(Comparator.comparingInt(Rule::version).reversed()));
        Map<String, Map<String, List<Rule>>> byTenant = new HashMap<>();
        for (TenantOverride t : overrides.tenants()) {
            if (!t.thresholds().isEmpty()) {
                byTenant.put(t.tenant(), withThresholds(byId, t));
            }
        }
        return new RuleBook(byId, byTenant, settings, overrides);
    }

    /** The rules as they apply to one tenant: its threshold overrides replace the pack's. */
    private static Map<String, List<Rule>> withThresholds(
            Map<String, List<Rule>> byId, TenantOverride t) {
        Map<String, List<Rule>> variant = new TreeMap<>(byId);
        t.thresholds()
                .forEach(
                        (ruleId, thresholds) -> {
                            List<Rule> versions = byId.get(ruleId);
                            if (versions == null) {
                                LOG.warn(
                                        "override of tenant '{}' names unknown rule '{}'; ignored",
                                        t.tenant(),
                                        ruleId);
                                return;
                            }
                            List<Rule> changed = new ArrayList<>();
                            for (Rule r : versions) {
                                changed.add(withThresholds(r, thresholds, t.tenant()));
                            }
                            variant.put(ruleId, changed);
                        });
        return variant;
    }

    private static Rule withThresholds(Rule r, Map<Feature, Double> thresholds, String tenant) {
        Condition c = r.condition().withThresholds(thresholds);
        if (Contradictions.find(c).isPresent()) {
            LOG.warn(
                    "override of tenant '{}' makes rule '{}' contradictory; the pack's thresholds apply",
                    tenant,
                    r.id());
            return r;
        }
        return new Rule(
                r.id(),
                r.version(),
                r.description(),
                r.attackType(),
                r.effectiveFrom(),
                c.text(),
                c,
                r.minRequests(),
                r.score(),
                r.response(),
                r.dryRun());
    }

    /**
     * The version of each client rule in force at event time {@code t} for a client of {@code
     * tenant} (with the tenant's thresholds).
     */
    public List<Rule> rulesAt(long t, String tenant) {
        Map<String, List<Rule>> versions =
                tenant == null ? versionsById : versionsByTenant.getOrDefault(tenant, versionsById);
        return inForce(versions, t, Feature.Scope.CLIENT);
    }

    /** The version of each cluster rule in force at event time {@code t}. */
    public List<Rule> clusterRulesAt(long t) {
        return inForce(versionsById, t, Feature.Scope.CLUSTER);
    }

    private static List<Rule> inForce(
            Map<String, List<Rule>> versions, long t, Feature.Scope scope) {
        List<Rule> inForce = new ArrayList<>(versions.size());
        for (List<Rule> byVersion : versions.values()) {
            for (Rule r : byVersion) {
                if (r.effectiveFrom().toEpochMilli() <= t) {
                    if (r.scope() == scope) {
                        inForce.add(r);
                    }
                    break;
                }
            }
        }
        return inForce;
    }

    /** The version of cluster rule {@code id} in force at {@code t}, or null. */
    public Rule clusterRule(String id, long t) {
        for (Rule r : versionsById.getOrDefault(id, List.of())) {
            if (r.effectiveFrom().toEpochMilli() <= t) {
                return r.scope() == Feature.Scope.CLUSTER ? r : null;
            }
        }
        return null;
    }

    /** What the overrides say about a client at event time {@code t}. */
    public Exemption exemption(String tenant, String clientId, long t) {
        return Exemption.of(overrides.forClient(tenant, clientId, t), overrides.forTenant(tenant));
    }

    /** Every stored version, newest first per rule. */
    public List<Rule> allVersions() {
        List<Rule> all = new ArrayList<>();
        versionsById.values().forEach(all::addAll);
        return all;
    }

    /** The pack settings. */
    public RuleSettings settings() {
        return settings;
    }

    /** The overrides. */
    public Overrides overrides() {
        return overrides;
    }
}
