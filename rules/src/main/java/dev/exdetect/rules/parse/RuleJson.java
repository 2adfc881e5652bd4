package dev.exdetect.rules.parse;

import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import java.util.LinkedHashMap;
import java.util.Map;

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
            Map<String, Object> limit = new LinkedHashMap<>();
            limit.put("requests", rule.response().limit().requests());
            limit.put("per_seconds", rule.response().limit().perSeconds());
            response.put("limit", limit);
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
        return m;
    }
}
