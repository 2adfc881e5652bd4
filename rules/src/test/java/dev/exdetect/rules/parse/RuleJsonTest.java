package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RuleJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EXTRA_RULES =
            """
            settings:
              severity: {medium: 0.3, high: 0.6, critical: 0.95}
              suppress_for: 90s
              dry_run: true
            rules:
              - id: shadow.rule_1
                version: 7
                description: "Quotes \\" and a colon: and\\na newline, unicode é✓ and a \\\\ backslash"
                attack_type: surrogate_training
                effective_from: 2026-11-02T10:00:00.123+02:00
                when: not (requests_total < 10 or near_duplicate_ratio != 0.25) and requests_last_hour >= 1_000
                min_requests: 123456789012
                score: 0.00001
                response:
                  action: BLOCK
                  ttl: 1500ms
                dry_run: true
              - id: tiny
                version: 2147483647
                description: d
                when: requests_last_minute > 2.5e1
                score: 1
                response:
                  action: THROTTLE
                  limit: {requests: 1, per_seconds: 3600}
                  ttl: 2d
            """;

    private static List<Rule> rules() throws Exception {
        List<Rule> rules =
                new ArrayList<>(
                        RulePackParser.parseFile(
                                        Path.of("..", "samples", "rules", "default-rules.yaml"))
                                .rules());
        rules.addAll(RulePackParser.parsePack("extra", EXTRA_RULES).rules());
        return rules;
    }

    private static Rule byId(List<Rule> rules, String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    private static void assertSameRule(Rule back, Rule original) {
        assertThat(back).usingRecursiveComparison().ignoringFields("condition").isEqualTo(original);
        // The condition behaves the same on random feature values.
        Random r = new Random(original.id().hashCode());
        double[] values = {
            Double.NaN, 0, 0.25, 0.3, 0.6, 0.7, 1, 9, 10, 25, 26, 32, 120, 600, 1000
        };
        for (int i = 0; i < 500; i++) {
            FeatureVector v = new FeatureVector();
            for (Feature f : Feature.values()) {
                v.set(f, values[r.nextInt(values.length)]);
            }
            assertThat(back.condition().test(v))
                    .as("%s on %s", original.when(), v)
                    .isEqualTo(original.condition().test(v));
        }
        assertThat(back.condition().toString()).isEqualTo(original.condition().toString());
    }

    @Test
    void rulesRoundTripThroughJson() throws Exception {
        for (Rule rule : rules()) {
            String json = JSON.writeValueAsString(RuleJson.toMap(rule));
            Rule back = RulePackParser.parseRule("json", json);
            assertSameRule(back, rule);
        }
    }

    @Test
    void rulesRoundTripThroughYaml() throws Exception {
        for (Rule rule : rules()) {
            String yaml = new Yaml().dump(RuleJson.toMap(rule));
            Rule back = RulePackParser.parseRule("yaml", yaml);
            assertSameRule(back, rule);
        }
    }

    @Test
    void mapUsesTheRuleFileKeysInOrderAndOmitsEmptyParts() throws Exception {
        List<Rule> rules = rules();
        Map<String, Object> burst = RuleJson.toMap(byId(rules, "request-burst")); // MONITOR only
        assertThat(burst.keySet())
                .containsExactly(
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
        assertThat(burst.get("response")).isEqualTo(Map.of("action", "MONITOR"));
        assertThat(burst.get("effective_from")).isEqualTo("1970-01-01T00:00:00Z");
        Map<String, Object> probing = RuleJson.toMap(byId(rules, "scripted-near-duplicates"));
        assertThat(probing.get("response"))
                .isEqualTo(
                        Map.of(
                                "action", "THROTTLE",
                                "limit", Map.of("requests", 10, "per_seconds", 60),
                                "ttl", "15m"));
    }

    @Test
    void settingsRoundTrip() throws Exception {
        for (RuleSettings settings :
                List.of(
                        RuleSettings.defaults(),
                        RulePackParser.parsePack("extra", EXTRA_RULES).settings())) {
            String json = JSON.writeValueAsString(RuleJson.settingsToMap(settings));
            assertThat(RulePackParser.parseSettings("json", json)).isEqualTo(settings);
        }
        assertThat(RulePackParser.parsePack("extra", EXTRA_RULES).settings().dryRun()).isTrue();
    }
}
