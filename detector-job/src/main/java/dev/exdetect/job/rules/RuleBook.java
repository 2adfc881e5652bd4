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
import org.apache.flink.api.common.state.BroadcastState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules known to one operator instance, compiled: every version of each rule (so each request
 * is judged by the version in force at its event time), the pack settings, and the overrides
 * (allowlists, shadow mode, per-tenant thresholds).
 *
 * <p>Broadcast state ({@link Descriptors#RULES}) keeps the same content as canonical JSON text:
 * keys {@code rule:<id>@<version>}, {@link #SETTINGS_KEY} and {@link #OVERRIDES_KEY}. Each instance
 * compiles what it holds once: the whole state when it starts or restores ({@link #restore}), then
 * each rule message as it arrives ({@link #apply}), which parses only that message's own payload.
 * Nothing is parsed per request.
 */
public final class RuleBook {
    /** Broadcast-state key of the pack settings. */
    public static final String SETTINGS_KEY = "settings";

    /** Broadcast-state key of the overrides. */
    public static final String OVERRIDES_KEY = "overrides";

    private static final String RULE_PREFIX = "rule:";
    private static final Logger LOG = LoggerFactory.getLogger(RuleBook.class);

    /** Every version of each rule, newest first, by rule id (sorted, for stable evaluation). */
    private final Map<String, List<Rule>> versionsById = new TreeMap<>();

    /** The same with a tenant's threshold overrides applied, for tenants that have any. */
    private Map<String, Map<String, List<Rule>>> versionsByTenant = Map.of();

    private RuleSettings settings = RuleSettings.defaults();
    private Overrides overrides = Overrides.none();

    private RuleBook() {}

    /**
     * Applies a rule message to an operator's broadcast state (every operator connected to the
     * rules stream keeps its own copy) and to this compiled book. Only the message's own payload is
     * parsed; it was validated before it was broadcast, so a failure here is a bug. Control
     * commands change nothing.
     */
    public void apply(BroadcastState<String, String> state, RuleMessage msg) throws Exception {
        String source = "message:" + msg.origin;
        switch (msg.kind) {
            case UPSERT -> {
                state.put(stateKey(msg.ruleId, msg.version), msg.text);
                add(compiled(() -> RulePackParser.parseRule(source, msg.text)));
            }
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
                versionsById.remove(msg.ruleId);
            }
            case SETTINGS -> {
                putOrRemove(state, SETTINGS_KEY, msg.text);
                settings =
                        msg.text == null
                                ? RuleSettings.defaults()
                                : compiled(() -> RulePackParser.parseSettings(source, msg.text));
            }
            case OVERRIDES -> {
                putOrRemove(state, OVERRIDES_KEY, msg.text);
                overrides =
                        msg.text == null
                                ? Overrides.none()
                                : compiled(() -> RulePackParser.parseOverrides(source, msg.text));
            }
            case EXPORT -> {}
        }
        if (msg.kind != RuleMessage.Kind.EXPORT) {
            compileTenantVariants();
        }
    }

    private static void putOrRemove(BroadcastState<String, String> state, String key, String text)
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

    /** A book with no rules, the default settings and no overrides. */
    public static RuleBook empty() {
        return new RuleBook();
    }

    /**
     * Compiles broadcast-state entries, as an instance finds them when it starts or restores from a
     * checkpoint. Entries were validated before they were stored, so a failure here is a bug (or
     * state written by an incompatible version) and is raised as such.
     */
    public static RuleBook restore(Iterable<Map.Entry<String, String>> entries) {
        RuleBook book = new RuleBook();
        for (Map.Entry<String, String> e : entries) {
            String source = "state:" + e.getKey();
            if (e.getKey().equals(SETTINGS_KEY)) {
                book.settings = compiled(() -> RulePackParser.parseSettings(source, e.getValue()));
            } else if (e.getKey().equals(OVERRIDES_KEY)) {
                book.overrides =
                        compiled(() -> RulePackParser.parseOverrides(source, e.getValue()));
            } else if (e.getKey().startsWith(RULE_PREFIX)) {
                book.add(compiled(() -> RulePackParser.parseRule(source, e.getValue())));
            }
        }
        book.compileTenantVariants();
        return book;
    }

    /** Adds one rule version, keeping each rule's versions newest first (a new text replaces). */
    private void add(Rule rule) {
        List<Rule> versions = versionsById.computeIfAbsent(rule.id(), k -> new ArrayList<>());
        versions.removeIf(r -> r.version() == rule.version());
        versions.add(rule);
        versions.sort(Comparator.comparingInt(Rule::version).reversed());
    }

    /** Recomputes the per-tenant variants of the rules (no parsing: conditions are rewritten). */
    private void compileTenantVariants() {
        Map<String, Map<String, List<Rule>>> byTenant = new HashMap<>();
        for (TenantOverride t : overrides.tenants()) {
            if (!t.thresholds().isEmpty()) {
                byTenant.put(t.tenant(), withThresholds(versionsById, t));
            }
        }
        versionsByTenant = byTenant;
    }

    /** What a parser call of validated text returns; a refusal here is a bug. */
    private interface Parse<T> {
        T run() throws RuleFileException;
    }

    private static <T> T compiled(Parse<T> parse) {
        try {
            return parse.run();
        } catch (RuleFileException e) {
            throw new IllegalStateException(
                    "validated rule text does not parse: " + e.getMessage(), e);
        }
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
