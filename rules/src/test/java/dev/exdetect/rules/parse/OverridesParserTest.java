package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.features.Feature;
import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.Overrides;
import dev.exdetect.rules.model.TenantOverride;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link OverridesParser}: the {@code overrides} block on its own (a rule-topic message, checked
 * without rules) and in a pack (checked against the pack's rules). {@link
 * OverridesAndPolicyParserTest} has the common cases; these are the other branches.
 */
class OverridesParserTest {
    /** Two versions of one rule; the newest compares requests_last_hour only. Ends on line 12. */
    private static final String RULES =
            """
            rules:
              - id: volume
                version: 1
                description: volume
                when: requests_last_hour >= 600 and requests_total >= 10
                score: 0.7
              - id: volume
                version: 2
                description: volume by the hour only
                effective_from: 2026-12-01T00:00:00Z
                when: requests_last_hour >= 800
                score: 0.7
            """;

    private static RuleFileException refusedAlone(String overrides) {
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class,
                        () -> RulePackParser.parseOverrides("m", overrides));
        assertThat(e).as("must be refused:\n%s", overrides).isNotNull();
        return e;
    }

    private static RuleFileException refusedInPack(String overrides) {
        String pack = RULES + "overrides:\n" + overrides.indent(2);
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class, () -> RulePackParser.parsePack("t.yaml", pack));
        assertThat(e).as("must be refused:\n%s", pack).isNotNull();
        return e;
    }

    @Test
    void onItsOwnEveryFieldIsReadAndRuleIdsAreNotChecked() throws Exception {
        Overrides o =
                RulePackParser.parseOverrides(
                        "m",
                        """
                        clients:
                          - {client_id: c1, tenant: acme, dry_run: true, reason: trial}
                          - {client_id: c2, allow: yes}
                        tenants:
                          - {tenant: t1, allow: true, dry_run: true}
                          - tenant: t2
                            reason: partner
                            thresholds:
                              no-such-rule: {near_duplicate_ratio: 0.9, requests_total: 12}
                        """);
        assertThat(o)
                .isEqualTo(
                        new Overrides(
                                List.of(
                                        new ClientOverride(
                                                "acme", "c1", false, true, "trial", null),
                                        new ClientOverride(null, "c2", true, false, null, null)),
                                List.of(
                                        new TenantOverride("t1", true, true, null, Map.of()),
                                        new TenantOverride(
                                                "t2",
                                                false,
                                                false,
                                                "partner",
                                                Map.of(
                                                        "no-such-rule",
                                                        Map.of(
                                                                Feature.NEAR_DUPLICATE_RATIO,
                                                                0.9,
                                                                Feature.REQUESTS_TOTAL,
                                                                12.0))))));
    }

    @Test
    void anEmptyMessageIsNoOverrides() throws Exception {
        assertThat(RulePackParser.parseOverrides("m", "")).isEqualTo(Overrides.none());
        assertThat(RulePackParser.parseOverrides("m", "# none\n")).isEqualTo(Overrides.none());
        assertThat(RulePackParser.parseOverrides("m", "clients: []\n")).isEqualTo(Overrides.none());
    }

    @Test
    void onItsOwnFeaturesAndNumbersAreStillChecked() {
        assertThat(
                        refusedAlone(
                                "tenants:\n  - tenant: t\n    thresholds: {r: {near_duplicat_ratio: 1}}\n"))
                .hasMessage(
                        "m:3:22: override of tenant 't', rule 'r': unknown feature"
                                + " 'near_duplicat_ratio'; did you mean 'near_duplicate_ratio'?");
        assertThat(
                        refusedAlone(
                                "tenants:\n  - tenant: t\n    thresholds: {r: {requests_total: lots}}\n"))
                .hasMessage(
                        "m:3:38: override of tenant 't', rule 'r': 'requests_total' must be a"
                                + " number, got text 'lots'");
    }

    @Test
    void inAPackThresholdsAreCheckedAgainstTheNewestVersionOfTheRule() throws Exception {
        // Version 1 compares requests_total, version 2 (the newest) does not.
        assertThat(
                        refusedInPack(
                                "tenants:\n  - tenant: t\n    thresholds: {volume: {requests_total: 5}}\n"))
                .hasMessage(
                        "t.yaml:16:29: override of tenant 't', rule 'volume': the rule's"
                                + " condition does not use 'requests_total'");
        String ok =
                RULES
                        + "overrides:\n  tenants:\n    - {tenant: t, thresholds: {volume: {requests_last_hour: 5000}}}\n";
        assertThat(RulePackParser.parsePack("t.yaml", ok).overrides().forTenant("t").thresholds())
                .isEqualTo(Map.of("volume", Map.of(Feature.REQUESTS_LAST_HOUR, 5000.0)));
    }

    @Test
    void anUnknownRuleOrFeatureGetsAHintOnlyWhenANameIsClose() {
        assertThat(
                        refusedInPack(
                                "tenants:\n  - tenant: t\n    thresholds: {zzzzzz: {requests_total: 5}}\n"))
                .hasMessage("t.yaml:16:20: override of tenant 't': no rule 'zzzzzz' in this file");
        assertThat(
                        refusedInPack(
                                "tenants:\n  - tenant: t\n    thresholds: {volume: {zzzzzzzz: 5}}\n"))
                .hasMessage(
                        "t.yaml:16:29: override of tenant 't', rule 'volume': unknown feature"
                                + " 'zzzzzzzz'");
    }

    @Test
    void anOverrideThatChangesNothingIsRefusedAtItsStart() {
        assertThat(refusedInPack("tenants:\n  - tenant: t\n"))
                .hasMessage(
                        "t.yaml:15:7: override of tenant 't' does nothing: set 'allow', 'dry_run'"
                                + " or 'thresholds'");
        assertThat(
                        refusedInPack(
                                "tenants:\n  - {tenant: t, allow: false, dry_run: false, thresholds: {}}\n"))
                .hasMessage(
                        "t.yaml:15:7: override of tenant 't' does nothing: set 'allow', 'dry_run'"
                                + " or 'thresholds'");
        assertThat(refusedAlone("clients:\n  - {client_id: c, allow: false, dry_run: false}\n"))
                .hasMessage(
                        "m:2:5: override of client 'c' does nothing: set 'allow: true' or"
                                + " 'dry_run: true'");
    }

    @Test
    void badShapesAreRefusedWithTheirPosition() {
        assertThat(refusedAlone("clients: {client_id: c}\n"))
                .hasMessage(
                        "m:1:10: 'overrides.clients' must be a list (lines starting with '- ')");
        assertThat(refusedAlone("tenants: {tenant: t}\n"))
                .hasMessage(
                        "m:1:10: 'overrides.tenants' must be a list (lines starting with '- ')");
        assertThat(refusedAlone("clients:\n  - c1\n"))
                .hasMessage("m:2:5: a client override must be a mapping (key: value lines)");
        assertThat(refusedAlone("tenants:\n  - tenant: t\n    thresholds: [volume]\n"))
                .hasMessage(
                        "m:3:17: override of tenant 't': 'thresholds' must map rule ids to"
                                + " {feature: threshold}");
        assertThat(refusedAlone("tenants:\n  - tenant: t\n    thresholds:\n      volume: 5000\n"))
                .hasMessage(
                        "m:4:15: override of tenant 't', rule 'volume': thresholds must map"
                                + " features to numbers");
        assertThat(refusedAlone("tenants:\n  - tenant: t\n    thresholds: {[a]: {}}\n"))
                .hasMessage("m:3:18: override of tenant 't': rule id must be a string, got a list");
    }

    @Test
    void keysOfClientAndTenantOverridesAreChecked() {
        assertThat(refusedAlone("clients:\n  - {allow: true}\n"))
                .hasMessage("m:2:5: a client override lacks 'client_id'");
        assertThat(refusedAlone("clients:\n  - {client_id: ~, allow: true}\n"))
                .hasMessage("m:2:17: a client override: 'client_id' is empty");
        assertThat(refusedAlone("clients:\n  - {client_id: c, alow: true}\n"))
                .hasMessage(
                        "m:2:20: unknown key 'alow' in a client override; did you mean 'allow'?");
        assertThat(refusedAlone("tenants:\n  - {dry_run: true}\n"))
                .hasMessage("m:2:5: a tenant override lacks 'tenant'");
        assertThat(refusedAlone("tenants:\n  - {tenant: t, allow: true, colour: red}\n"))
                .hasMessage(
                        "m:2:30: unknown key 'colour' in a tenant override; allowed: allow,"
                                + " dry_run, reason, tenant, thresholds");
        assertThat(refusedAlone("tenants:\n  - {tenant: t, allow: true, reason: ~}\n"))
                .hasMessage("m:2:38: override of tenant 't': 'reason' must be a string, not empty");
        assertThat(refusedAlone("clients:\n  - {client_id: c, allow: true, tenant: [a]}\n"))
                .hasMessage(
                        "m:2:41: override of client 'c': 'tenant' must be a string, got a list");
        assertThat(refusedAlone("colour: red\n"))
                .hasMessage(
                        "m:1:1: unknown key 'colour' in 'overrides'; allowed: clients, tenants");
    }
}
