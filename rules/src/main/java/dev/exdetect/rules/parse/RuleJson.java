package dev.exdetect.rules.parse;

import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.TenantOverride;
import dev.exdetect.rules.model.ThrottleLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical written form of a rule, in the same keys as the rule file. Used to store rules in
 * Flink state, to export them, and to put a rule snapshot in alerts; {@link
 * RulePackParser#parseRule} reads it back.
 */
public final class RuleJson {
    private RuleJson() {}

    /** The rule as an ordered map of rule-file keys to plain values. */
    public static Map<String, Object> toMap(Rule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rule.id());
        m.put("version", rule.version());
        m.put("description", rule.description());
        m.put("attack_type", rule.attackType().name());
        m.put("effective_from", rule.effectiveFrom().toString());
        m.put("when", rule.when());
        m.put("min_requests", rule.minRequests());
        m.put("score", rule.score());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("action", rule.response().action().name());
        if (rule.response().limit() != null) {
            response.put("limit", limit(rule.response().limit()));
        }
        if (!rule.response().ttl().isZero()) {
            response.put("ttl", Durations.format(rule.response().ttl()));
        }
        m.put("response", response);
        m.put("dry_run", rule.dryRun());
        return m;
    }

    /**
     * Settings as an ordered map of rule-file keys, readable by {@link
     * RulePackParser#parseSettings}.
     */
    public static Map<String, Object> settingsToMap(RuleSettings settings) {
        Map<String, Object> severity = new LinkedHashMap<>();
        severity.put("medium", settings.severity().medium());
        severity.put("high", settings.severity().high());
        severity.put("critical", settings.severity().critical());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", severity);
        m.put("suppress_for", Durations.format(settings.suppressFor()));
        m.put("dry_run", settings.dryRun());
        ResponsePolicy p = settings.response();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("escalate_after", Durations.format(p.escalateAfter()));
        response.put("max_action", p.maxAction().name());
        response.put("release_below", p.releaseBelow());
        response.put("cool_down", Durations.format(p.coolDown()));
        response.put("throttle_limit", limit(p.throttleLimit()));
        m.put("response", response);
        return m;
    }

    /** Overrides as an ordered map, readable by {@link RulePackParser#parseOverrides}. */
    public static Map<String, Object> overridesToMap(Overrides overrides) {
        List<Object> clients = new ArrayList<>();
        for (ClientOverride c : overrides.clients()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", c.clientId());
            if (c.tenant() != null) {
                m.put("tenant", c.tenant());
            }
            m.put("allow", c.allow());
            m.put("dry_run", c.dryRun());
            if (c.reason() != null) {
                m.put("reason", c.reason());
            }
            if (c.until() != null) {
                m.put("until", c.until().toString());
            }
            clients.add(m);
        }
        List<Object> tenants = new ArrayList<>();
        for (TenantOverride t : overrides.tenants()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tenant", t.tenant());
            m.put("allow", t.allow());
            m.put("dry_run", t.dryRun());
            if (t.reason() != null) {
                m.put("reason", t.reason());
            }
            if (!t.thresholds().isEmpty()) {
                Map<String, Object> byRule = new TreeMap<>();
                t.thresholds()
                        .forEach(
                                (rule, byFeature) -> {
                                    Map<String, Object> f = new TreeMap<>();
                                    byFeature.forEach(
                                            (feature, value) -> f.put(feature.id(), value));
                                    byRule.put(rule, f);
                                });
                m.put("thresholds", byRule);
            }
            tenants.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clients", clients);
        m.put("tenants", tenants);
        return m;
    }

    private static Map<String, Object> limit(ThrottleLimit limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", limit.requests());
        m.put("per_seconds", limit.perSeconds());
        return m;
    }
}
