package dev.exdetect.rules.parse;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.SeverityBands;
import dev.exdetect.rules.model.ThrottleLimit;
import java.time.Duration;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the {@code settings} block of a rule pack: severity bands, alert suppression, global shadow
 * mode and the response policy (escalation, release, cool-down). What is left out keeps its
 * default.
 */
final class SettingsParser {
    private static final Set<String> SETTINGS_KEYS =
            Set.of("severity", "suppress_for", "dry_run", "response");
    private static final Set<String> SEVERITY_KEYS = Set.of("medium", "high", "critical");
    private static final Set<String> POLICY_KEYS =
            Set.of("escalate_after", "max_action", "release_below", "cool_down", "throttle_limit");

    private final YamlReader yaml;

    SettingsParser(YamlReader yaml) {
        this.yaml = yaml;
    }

    RuleSettings settings(Node node) throws RuleFileException {
        RuleSettings d = RuleSettings.defaults();
        YamlMapping m = yaml.mapping(node, "'settings'", SETTINGS_KEYS);
        SeverityBands bands = m.optional("severity", d.severity(), this::severity);
        Duration suppress =
                m.optional(
                        "suppress_for", d.suppressFor(), n -> yaml.duration(n, "'suppress_for'"));
        boolean dryRun = m.optional("dry_run", d.dryRun(), n -> yaml.bool(n, "'dry_run'"));
        ResponsePolicy policy = m.optional("response", d.response(), this::policy);
        return new RuleSettings(bands, suppress, dryRun, policy);
    }

    private SeverityBands severity(Node node) throws RuleFileException {
        SeverityBands d = SeverityBands.defaults();
        YamlMapping m = yaml.mapping(node, "'severity'", SEVERITY_KEYS);
        double medium = m.optional("medium", d.medium(), n -> band(n, "medium"));
        double high = m.optional("high", d.high(), n -> band(n, "high"));
        double critical = m.optional("critical", d.critical(), n -> band(n, "critical"));
        if (!(medium < high && high < critical)) {
            throw yaml.error(
                    node,
                    "severity bands must rise: medium < high < critical, got "
                            + medium
                            + ", "
                            + high
                            + ", "
                            + critical);
        }
        return new SeverityBands(medium, high, critical);
    }

    private double band(Node node, String key) throws RuleFileException {
        return yaml.fraction(node, "severity '" + key + "'");
    }

    private ResponsePolicy policy(Node node) throws RuleFileException {
        ResponsePolicy d = ResponsePolicy.defaults();
        YamlMapping m = yaml.mapping(node, "'settings.response'", POLICY_KEYS);
        Duration escalateAfter =
                m.optional(
                        "escalate_after",
                        d.escalateAfter(),
                        n -> yaml.duration(n, "'escalate_after'"));
        Action maxAction = m.optional("max_action", d.maxAction(), this::maxAction);
        double releaseBelow =
                m.optional(
                        "release_below",
                        d.releaseBelow(),
                        n -> yaml.fraction(n, "'release_below'"));
        Duration coolDown = m.optional("cool_down", d.coolDown(), this::coolDown);
        ThrottleLimit limit =
                m.optional(
                        "throttle_limit",
                        d.throttleLimit(),
                        n -> yaml.throttleLimit(n, "'settings.response'"));
        return new ResponsePolicy(escalateAfter, maxAction, releaseBelow, coolDown, limit);
    }

    private Action maxAction(Node node) throws RuleFileException {
        Action a = yaml.enumValue(Action.class, node, "'max_action'");
        if (!a.enforces()) {
            throw yaml.error(node, "'max_action' must be DEGRADE, THROTTLE or BLOCK, got " + a);
        }
        return a;
    }

    /** A zero cool-down would step a client down the moment it is calm: no hysteresis. */
    private Duration coolDown(Node node) throws RuleFileException {
        Duration d = yaml.duration(node, "'cool_down'");
        if (d.isZero()) {
            throw yaml.error(node, "'cool_down' must be positive");
        }
        return d;
    }
}
