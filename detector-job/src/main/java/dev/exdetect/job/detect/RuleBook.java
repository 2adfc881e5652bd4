package dev.exdetect.job.detect;

import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.parse.RuleFileException;
import dev.exdetect.rules.parse.RulePackParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules known to one operator instance, compiled from broadcast state, with every version of
 * each rule, so that each event is judged by the version in force at its event time.
 *
 * <p>Broadcast state keys: {@code rule:<id>@<version>} to canonical rule JSON, and {@link
 * #SETTINGS_KEY} to the settings JSON. A rule book is rebuilt from those entries whenever they
 * change (rarely), never per event.
 */
public final class RuleBook {
    /** Broadcast-state key of the pack settings. */
    public static final String SETTINGS_KEY = "settings";

    private static final String RULE_PREFIX = "rule:";

    private final Map<String, List<Rule>> versionsById;
    private final RuleSettings settings;

    private RuleBook(Map<String, List<Rule>> versionsById, RuleSettings settings) {
        this.versionsById = versionsById;
        this.settings = settings;
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
        try {
            for (Map.Entry<String, String> e : entries) {
                if (e.getKey().equals(SETTINGS_KEY)) {
                    settings = RulePackParser.parseSettings("state:" + e.getKey(), e.getValue());
                } else if (e.getKey().startsWith(RULE_PREFIX)) {
                    Rule rule = RulePackParser.parseRule("state:" + e.getKey(), e.getValue());
                    byId.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add(rule);
                }
            }
        } catch (RuleFileException e) {
            throw new IllegalStateException(
                    "rule in broadcast state does not parse: " + e.getMessage(), e);
        }
        byId.values().forEach(v -> v.sort(Comparator.comparingInt(Rule::version).reversed()));
        return new RuleBook(byId, settings);
    }

    /** The version of each rule in force at event time {@code t}, in rule-id order. */
    public List<Rule> rulesAt(long t) {
        List<Rule> inForce = new ArrayList<>(versionsById.size());
        for (List<Rule> versions : versionsById.values()) {
            for (Rule r : versions) {
                if (r.effectiveFrom().toEpochMilli() <= t) {
                    inForce.add(r);
                    break;
                }
            }
        }
        return inForce;
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
}
