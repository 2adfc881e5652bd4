package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.model.ThrottleLimit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The {@code settings.response} policy and the {@code overrides} block of a rule file. */
class OverridesAndPolicyParserTest {
    private static final String RULES =
            """
            rules:
              - id: volume
                version: 1
                description: volume
                when: requests_last_hour >= 600 and requests_total >= 10
                score: 0.7
                response: {action: DEGRADE, ttl: 30m}
            """;

    private static RulePack pack(String yaml) throws RuleFileException {
        return RulePackParser.parsePack("test.yaml", yaml);
    }

    private static RuleFileException refused(String yaml) {
        return catchThrowableOfType(RuleFileException.class, () -> pack(yaml));
    }

    @Test
    void theResponsePolicyIsReadWithDefaultsForWhatIsLeftOut() throws Exception {
        RulePack p =
                pack(
                        """
                settings:
                  response:
                    escalate_after: 20m
                    max_action: THROTTLE
                    release_below: 0.25
                    throttle_limit: {requests: 3, per_seconds: 30}
                """
                                + RULES);
        ResponsePolicy policy = p.settings().response();
        assertThat(policy.escalateAfter()).isEqualTo(Duration.ofMinutes(20));
        assertThat(policy.maxAction()).isEqualTo(Action.THROTTLE);
        assertThat(policy.releaseBelow()).isEqualTo(0.25);
        assertThat(policy.coolDown()).isEqualTo(ResponsePolicy.defaults().coolDown());
        assertThat(policy.throttleLimit()).isEqualTo(new ThrottleLimit(3, 30));
        assertThat(pack(RULES).settings().response()).isEqualTo(ResponsePolicy.defaults());
    }

    @Test
    void badPolicyValuesAreRefusedWithTheirLine() {
        assertThat(refused("settings:\n  response:\n    max_action: MONITOR\n" + RULES))
                .satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("'max_action' must be DEGRADE, THROTTLE or BLOCK");
        assertThat(refused("settings:\n  response:\n    release_below: 1.5\n" + RULES))
                .hasMessageContaining("'release_below' must be in (0, 1]");
        assertThat(refused("settings:\n  response:\n    cool_down: 0s\n" + RULES))
                .hasMessageContaining("'cool_down' must be positive");
        assertThat(refused("settings:\n  response:\n    escalate_aftr: 5m\n" + RULES))
                .hasMessageContaining("unknown key 'escalate_aftr'")
                .hasMessageContaining("did you mean 'escalate_after'");
    }

    @Test
    void overridesAreReadAndLookedUpByClientTenantAndTime() throws Exception {
        RulePack p =
                pack(
                        RULES
                                + """
                overrides:
                  clients:
                    - client_id: batch-job
                      tenant: acme
                      allow: true
                      reason: contracted bulk scoring
                      until: 2027-01-01T00:00:00Z
                    - client_id: tester
                      dry_run: true
                  tenants:
                    - tenant: bigcorp
                      reason: partner integration
                      thresholds:
                        volume: {requests_last_hour: 5000}
                """);
        Overrides o = p.overrides();
        long before = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        long after = Instant.parse("2027-02-01T00:00:00Z").toEpochMilli();
        ClientOverride batch = o.forClient("acme", "batch-job", before);
        assertThat(batch.allow()).isTrue();
        assertThat(batch.reason()).isEqualTo("contracted bulk scoring");
        assertThat(o.forClient("acme", "batch-job", after)).as("ended").isNull();
        assertThat(o.forClient("other", "batch-job", before)).as("another tenant").isNull();
        assertThat(o.forClient(null, "tester", before).dryRun()).isTrue();
        assertThat(o.forTenant("bigcorp").thresholds())
                .containsEntry("volume", java.util.Map.of(Feature.REQUESTS_LAST_HOUR, 5000.0));
        assertThat(o.forTenant("acme")).isNull();
    }

    @Test
    void overridesRoundTripThroughTheirCanonicalForm() throws Exception {
        RulePack p =
                pack(
                        RULES
                                + """
                overrides:
                  clients:
                    - {client_id: a, tenant: t, allow: true, until: 2027-01-01T00:00:00Z}
                  tenants:
                    - {tenant: bigcorp, dry_run: true, thresholds: {volume: {requests_last_hour: 5000}}}
                """);
        String json =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(RuleJson.overridesToMap(p.overrides()));
        assertThat(RulePackParser.parseOverrides("json", json)).isEqualTo(p.overrides());
        String settings =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(RuleJson.settingsToMap(p.settings()));
        assertThat(RulePackParser.parseSettings("json", settings)).isEqualTo(p.settings());
    }

    @Test
    void eachBadOverrideIsRefusedWithItsLineAndReason() {
        assertThat(refused(RULES + "overrides:\n  clients:\n    - client_id: x\n"))
                .satisfies(e -> assertThat(e.line()).isEqualTo(10))
                .hasMessageContaining("does nothing");
        assertThat(
                        refused(
                                RULES
                                        + "overrides:\n  tenants:\n    - tenant: t\n      thresholds:\n        volum: {requests_total: 5}\n"))
                .satisfies(e -> assertThat(e.line()).isEqualTo(12))
                .hasMessageContaining("no rule 'volum'")
                .hasMessageContaining("did you mean 'volume'");
        assertThat(
                        refused(
                                RULES
                                        + "overrides:\n  tenants:\n    - tenant: t\n      thresholds:\n        volume: {near_duplicate_ratio: 5}\n"))
                .hasMessageContaining("does not use 'near_duplicate_ratio'");
        assertThat(
                        refused(
                                RULES
                                        + "overrides:\n  tenants:\n    - tenant: t\n      thresholds:\n        volume: {requests_totl: 5}\n"))
                .hasMessageContaining("unknown feature 'requests_totl'");
        assertThat(
                        refused(
                                RULES.replace(
                                                "requests_total >= 10",
                                                "requests_total >= 10 and requests_total < 1000")
                                        + "overrides:\n  tenants:\n    - tenant: t\n      thresholds:\n        volume: {requests_total: 5000}\n"))
                .hasMessageContaining("can never hold");
        assertThat(
                        refused(
                                RULES
                                        + "overrides:\n  clients:\n    - client_id: x\n      allow: true\n      until: soon\n"))
                .hasMessageContaining("'until' must be an RFC 3339 time");
    }
}
