package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.rules.model.SeverityBands;
import dev.exdetect.rules.model.ThrottleLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulePackParserTest {

    /** A valid pack; tests change one line at a time (lines are 1-based in messages). */
    private static final String BASE =
            """
            settings:
              severity: {medium: 0.4, high: 0.7, critical: 0.9}
              suppress_for: 10m
              dry_run: false
            rules:
              - id: probe
                version: 1
                description: test rule
                attack_type: PARAMETER_PROBING
                effective_from: 2026-11-02T10:00:00Z
                when: requests_total > 5
                min_requests: 10
                score: 0.5
                response:
                  action: THROTTLE
                  limit: {requests: 10, per_seconds: 60}
                  ttl: 15m
                dry_run: false
            """;

    private static final int SETTINGS_SEVERITY = 2;
    private static final int SETTINGS_SUPPRESS = 3;
    private static final int SETTINGS_DRY_RUN = 4;
    private static final int RULE_START = 6;
    private static final int VERSION = 7;
    private static final int DESCRIPTION = 8;
    private static final int ATTACK_TYPE = 9;
    private static final int EFFECTIVE_FROM = 10;
    private static final int WHEN = 11;
    private static final int MIN_REQUESTS = 12;
    private static final int SCORE = 13;
    private static final int RESPONSE = 14;
    private static final int ACTION = 15;
    private static final int LIMIT = 16;
    private static final int TTL = 17;
    private static final int RULE_DRY_RUN = 18;

    private static List<String> lines(String text) {
        return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    }

    /** BASE with line {@code n} replaced (null deletes it). */
    private static String with(int n, String line) {
        List<String> lines = lines(BASE);
        if (line == null) {
            lines.remove(n - 1);
        } else {
            lines.set(n - 1, line);
        }
        return String.join("\n", lines);
    }

    /** BASE with {@code line} inserted after line {@code n}. */
    private static String insertAfter(int n, String line) {
        List<String> lines = lines(BASE);
        lines.add(n, line);
        return String.join("\n", lines);
    }

    /** 1-based column of the value in a "key: value" line. */
    private static int valueColumn(String line) {
        return line.indexOf(": ") + 3;
    }

    /** 1-based column of the first non-space char (or of "- " item content). */
    private static int keyColumn(String line) {
        String t = line.replaceFirst("^(\\s*-\\s+|\\s*)", "");
        return line.length() - t.length() + 1;
    }

    private static RuleFileException refused(String yaml) {
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class, () -> RulePackParser.parsePack("test.yaml", yaml));
        assertThat(e).as("must be refused:\n%s", yaml).isNotNull();
        assertThat(e.source()).isEqualTo("test.yaml");
        return e;
    }

    private static RuleFileException assertRefused(
            String yaml, int line, int column, String... fragments) {
        RuleFileException e = refused(yaml);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: %s", e.getMessage()).isEqualTo(column);
        assertThat(e.reason()).contains(fragments);
        String position = line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "";
        assertThat(e.getMessage()).isEqualTo("test.yaml" + position + ": " + e.reason());
        return e;
    }

    private static FeatureVector vector(Object... featureValuePairs) {
        FeatureVector v = new FeatureVector();
        for (int i = 0; i < featureValuePairs.length; i += 2) {
            v.set(
                    (Feature) featureValuePairs[i],
                    ((Number) featureValuePairs[i + 1]).doubleValue());
        }
        return v;
    }

    // ---- Accepted files

    @Test
    void theDefaultRuleFileParses() throws Exception {
        // The pack's contents are calibrated on the benchmark and change; what must hold is that
        // it parses, every rule explains itself, and it judges both clients and clusters.
        Path file = Path.of("..", "samples", "rules", "default-rules.yaml");
        RulePack pack = RulePackParser.parseFile(file);
        assertThat(pack.source()).isEqualTo(file.toString());
        assertThat(pack.rules()).isNotEmpty();
        assertThat(pack.rules()).extracting(Rule::id).doesNotHaveDuplicates();
        assertThat(pack.rules())
                .allSatisfy(
                        r -> {
                            assertThat(r.description()).isNotBlank().doesNotContain("\n");
                            assertThat(r.attackType()).isNotNull();
                        });
        assertThat(pack.rules())
                .extracting(Rule::scope)
                .contains(Feature.Scope.CLIENT, Feature.Scope.CLUSTER);
        assertThat(pack.rules())
                .anySatisfy(r -> assertThat(r.response().action().enforces()).isTrue());
    }

    @Test
    void theBasePackParsesWithEveryField() throws Exception {
        RulePack pack = RulePackParser.parsePack("test.yaml", BASE);
        Rule r = pack.rules().get(0);
        assertThat(r.id()).isEqualTo("probe");
        assertThat(r.description()).isEqualTo("test rule");
        assertThat(r.attackType()).isEqualTo(AttackType.PARAMETER_PROBING);
        assertThat(r.effectiveFrom()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
        assertThat(r.when()).isEqualTo("requests_total > 5");
        assertThat(r.minRequests()).isEqualTo(10);
        assertThat(r.score()).isEqualTo(0.5);
        assertThat(r.response().limit()).isEqualTo(new ThrottleLimit(10, 60));
    }

    @Test
    void defaultsForOptionalKeys() throws Exception {
        String yaml =
                """
                rules:
                  - id: minimal
                    version: 3
                    description: d
                    when: requests_total > 5
                    score: 1
                """;
        RulePack pack = RulePackParser.parsePack("test.yaml", yaml);
        assertThat(pack.settings().severity()).isEqualTo(SeverityBands.defaults());
        assertThat(pack.settings().suppressFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(pack.settings().dryRun()).isFalse();
        Rule r = pack.rules().get(0);
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.attackType()).isEqualTo(AttackType.UNKNOWN);
        assertThat(r.effectiveFrom()).isEqualTo(Instant.EPOCH);
        assertThat(r.minRequests()).isZero();
        assertThat(r.score()).isEqualTo(1.0);
        assertThat(r.response().action()).isEqualTo(Action.MONITOR);
        assertThat(r.dryRun()).isFalse();
    }

    @Test
    void jsonIsAcceptedToo() throws Exception {
        String json =
                "{\"rules\": [{\"id\": \"j\", \"version\": 2, \"description\": \"d\","
                        + " \"when\": \"requests_total >= 3\", \"score\": 0.25,"
                        + " \"response\": {\"action\": \"block\", \"ttl\": \"1h\"},"
                        + " \"dry_run\": true}]}";
        Rule r = RulePackParser.parsePack("test.json", json).rules().get(0);
        assertThat(r.response().action()).isEqualTo(Action.BLOCK);
        assertThat(r.response().ttl()).isEqualTo(Duration.ofHours(1));
        assertThat(r.dryRun()).isTrue();
    }

    @Test
    void yamlBooleansMeanWhatYamlSaysTheyMean() throws Exception {
        // SnakeYAML's YAML 1.1 resolver tags yes/no/on/off as booleans.
        for (String yes : new String[] {"true", "True", "yes", "Yes", "on", "ON"}) {
            RulePack pack =
                    RulePackParser.parsePack("t", with(SETTINGS_DRY_RUN, "  dry_run: " + yes));
            assertThat(pack.settings().dryRun()).as(yes).isTrue();
            Rule r =
                    RulePackParser.parsePack("t", with(RULE_DRY_RUN, "    dry_run: " + yes))
                            .rules()
                            .get(0);
            assertThat(r.dryRun()).as(yes).isTrue();
        }
        for (String no : new String[] {"false", "False", "no", "NO", "off", "Off"}) {
            RulePack pack =
                    RulePackParser.parsePack("t", with(SETTINGS_DRY_RUN, "  dry_run: " + no));
            assertThat(pack.settings().dryRun()).as(no).isFalse();
        }
    }

    @Test
    void severalVersionsOfOneRuleInOrderOfEffectiveTime() throws Exception {
        String yaml =
                """
                rules:
                  - id: r
                    version: 1
                    description: d
                    when: requests_total > 5
                    score: 0.5
                    effective_from: 2026-01-01T00:00:00Z
                  - id: r
                    version: 2
                    description: d
                    when: requests_total > 6
                    score: 0.5
                    effective_from: 2026-02-01T00:00:00+01:00
                """;
        RulePack pack = RulePackParser.parsePack("test.yaml", yaml);
        assertThat(pack.rules()).extracting(Rule::version).containsExactly(1, 2);
        assertThat(pack.rules().get(1).effectiveFrom())
                .isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
    }

    // ---- Refusals

    @Test
    void yamlSyntaxErrors() {
        String bad = "    score: 0.5: 3";
        assertRefused(
                with(SCORE, bad),
                SCORE,
                bad.lastIndexOf(':') + 1,
                "YAML syntax error",
                "mapping values are not allowed");
        assertRefused(
                with(MIN_REQUESTS, "\tmin_requests: 10"),
                MIN_REQUESTS,
                1,
                "YAML syntax error",
                "TAB");
    }

    @Test
    void emptyOrShapelessFiles() {
        assertRefused("", 0, 0, "the rule file is empty");
        assertRefused("# only a comment\n", 0, 0, "the rule file is empty");
        assertRefused("settings:\n  dry_run: true\n", 1, 1, "has no 'rules:' list");
        assertRefused("- a\n- b\n", 1, 1, "the rule file must be a mapping");
        assertRefused("rules: 5\n", 1, 8, "'rules' must be a list");
        assertRefused("rules:\n  - just text\n", 2, 5, "a rule must be a mapping");
    }

    @Test
    void unknownKeyWithSuggestion() {
        assertRefused(
                with(SCORE, "    scroe: 0.5"),
                SCORE,
                5,
                "unknown key 'scroe' in a rule",
                "did you mean 'score'?");
        assertRefused(
                with(SETTINGS_DRY_RUN, "  dry_rn: false"),
                SETTINGS_DRY_RUN,
                3,
                "unknown key 'dry_rn' in 'settings'",
                "did you mean 'dry_run'?");
        String limit = "      limit: {requests: 10, per_second: 60}";
        assertRefused(
                with(LIMIT, limit),
                LIMIT,
                limit.indexOf("per_second") + 1,
                "unknown key 'per_second'",
                "did you mean 'per_seconds'?");
        assertRefused(
                with(SCORE, "    colour: red"),
                SCORE,
                5,
                "unknown key 'colour' in a rule",
                "allowed: ",
                "attack_type");
        assertRefused(
                "rulez:\n  - id: x\n",
                1,
                1,
                "unknown key 'rulez' in the rule file",
                "did you mean 'rules'?");
    }

    @Test
    void duplicateKeysAreRefused() {
        assertRefused(
                insertAfter(SCORE, "    score: 0.9"),
                SCORE + 1,
                5,
                "duplicate key 'score'",
                "first at line " + SCORE);
        assertRefused(
                insertAfter(SETTINGS_DRY_RUN, "  dry_run: true"),
                SETTINGS_DRY_RUN + 1,
                3,
                "duplicate key 'dry_run'",
                "first at line " + SETTINGS_DRY_RUN);
    }

    @Test
    void missingRequiredKeys() {
        assertRefused(with(WHEN, null), RULE_START, 5, "rule 'probe' lacks 'when'");
        assertRefused(with(DESCRIPTION, null), RULE_START, 5, "rule 'probe' lacks 'description'");
        assertRefused(with(VERSION, null), RULE_START, 5, "rule 'probe' lacks 'version'");
        assertRefused(with(SCORE, null), RULE_START, 5, "rule 'probe' lacks 'score'");
        assertRefused(
                with(RULE_START, "  - attack_type: UNKNOWN")
                        .replace("    attack_type: PARAMETER_PROBING\n", ""),
                RULE_START,
                5,
                "a rule lacks 'id'");
        String noPerSeconds = "      limit: {requests: 10}";
        assertRefused(
                with(LIMIT, noPerSeconds),
                LIMIT,
                valueColumn(noPerSeconds),
                "'limit' lacks 'per_seconds'");
        RuleFileException e = refused(with(WHEN, "    when:"));
        assertThat(e.reason()).contains("rule 'probe'", "'when' is empty");
        assertThat(e.line()).isBetween(WHEN, WHEN + 1);
    }

    @Test
    void wrongTypes() {
        String score = "    score: \"high\"";
        assertRefused(
                with(SCORE, score),
                SCORE,
                valueColumn(score),
                "rule 'probe': 'score' must be a number, got text 'high'");
        String version = "    version: 1.5";
        assertRefused(
                with(VERSION, version),
                VERSION,
                valueColumn(version),
                "rule 'probe': 'version' must be a whole number, got a decimal '1.5'");
        String dryRun = "    dry_run: \"yes\"";
        assertRefused(
                with(RULE_DRY_RUN, dryRun),
                RULE_DRY_RUN,
                valueColumn(dryRun),
                "'dry_run' must be true or false, got text 'yes'");
        String settingsDryRun = "  dry_run: 1";
        assertRefused(
                with(SETTINGS_DRY_RUN, settingsDryRun),
                SETTINGS_DRY_RUN,
                valueColumn(settingsDryRun),
                "'dry_run' must be true or false, got a value '1'");
        String minRequests = "    min_requests: many";
        assertRefused(
                with(MIN_REQUESTS, minRequests),
                MIN_REQUESTS,
                valueColumn(minRequests),
                "'min_requests' must be a whole number, got text 'many'");
        String response = "    response: THROTTLE";
        assertRefused(
                with(RESPONSE, response).replaceAll("(?m)^      .*\\n", ""),
                RESPONSE,
                valueColumn(response),
                "'response' must be a mapping");
        String description = "    description: [a, b]";
        assertRefused(
                with(DESCRIPTION, description),
                DESCRIPTION,
                valueColumn(description),
                "'description' must be a string, got a list");
    }

    @Test
    void outOfRangeValues() {
        for (String s : new String[] {"0", "1.5", "-0.1"}) {
            String line = "    score: " + s;
            assertRefused(with(SCORE, line), SCORE, valueColumn(line), "'score' must be in (0, 1]");
        }
        String version = "    version: 0";
        assertRefused(
                with(VERSION, version),
                VERSION,
                valueColumn(version),
                "'version' must be a positive whole number");
        String min = "    min_requests: -1";
        assertRefused(
                with(MIN_REQUESTS, min),
                MIN_REQUESTS,
                valueColumn(min),
                "'min_requests' must not be negative");
        String limit = "      limit: {requests: 0, per_seconds: 60}";
        assertRefused(
                with(LIMIT, limit),
                LIMIT,
                limit.indexOf("0,") + 1,
                "'limit.requests' must be a positive whole number");
        String id = "  - id: bad id!";
        assertRefused(with(RULE_START, id), RULE_START, valueColumn(id), "rule id 'bad id!'");
        String attack = "    attack_type: THEFT";
        assertRefused(
                with(ATTACK_TYPE, attack),
                ATTACK_TYPE,
                valueColumn(attack),
                "'attack_type' must be one of",
                "DISTILLATION",
                "got 'THEFT'");
    }

    @Test
    void unknownFeatureInsideWhenPointsAtTheName() {
        String when = "    when: requests_total > 5 and near_duplicat_ratio > 0.5";
        assertRefused(
                with(WHEN, when),
                WHEN,
                when.indexOf("near_duplicat_ratio") + 1,
                "rule 'probe': 'when': unknown feature 'near_duplicat_ratio'",
                "did you mean 'near_duplicate_ratio'?");
        // Quoted: the column is that of the value.
        String quoted = "    when: \"requests_total > 5 and near_dup > 0.5\"";
        assertRefused(with(WHEN, quoted), WHEN, valueColumn(quoted), "unknown feature 'near_dup'");
        String syntax = "    when: requests_total >> 5";
        assertRefused(with(WHEN, syntax), WHEN, syntax.indexOf(">>") + 2, "expected a number");
    }

    @Test
    void contradictoryThresholds() {
        String when = "    when: requests_total > 500 and requests_total < 100";
        assertRefused(
                with(WHEN, when),
                WHEN,
                valueColumn(when),
                "rule 'probe': 'when'",
                "'requests_total < 100' contradicts",
                "can never hold");
    }

    @Test
    void responseRules() {
        assertRefused(with(LIMIT, null), ACTION, 7, "rule 'probe': THROTTLE needs a 'limit'");
        String limit = lines(BASE).get(LIMIT - 1);
        assertRefused(
                with(ACTION, "      action: DEGRADE"),
                LIMIT,
                valueColumn(limit),
                "'limit' only applies to THROTTLE, not DEGRADE");
        String allow = "      action: ALLOW";
        assertRefused(
                with(ACTION, allow).replace(limit + "\n", ""),
                ACTION,
                valueColumn(allow),
                "cannot respond with ALLOW");
        String unknown = "      action: KILL";
        assertRefused(
                with(ACTION, unknown),
                ACTION,
                valueColumn(unknown),
                "'response.action' must be one of");
        String degradeNoTtl =
                with(ACTION, "      action: DEGRADE")
                        .replace(limit + "\n", "")
                        .replace("      ttl: 15m\n", "");
        assertRefused(degradeNoTtl, ACTION, 7, "DEGRADE needs a positive 'ttl'");
        assertRefused(with(TTL, "      ttl: 0s"), ACTION, 7, "THROTTLE needs a positive 'ttl'");
        // MONITOR needs neither.
        String monitor =
                with(ACTION, "      action: monitor")
                        .replace(limit + "\n", "")
                        .replace("      ttl: 15m\n", "");
        assertThat(
                        catchThrowableOfType(
                                RuleFileException.class,
                                () -> RulePackParser.parsePack("t", monitor)))
                .isNull();
    }

    @Test
    void duplicateIdAndVersion() {
        String yaml = BASE + BASE.substring(BASE.indexOf("  - id: probe"));
        int second = lines(BASE).size() - 1 + RULE_START - 5; // line of the second "- id"
        assertThat(lines(yaml).get(second - 1)).isEqualTo("  - id: probe");
        assertRefused(
                yaml,
                second,
                5,
                "rule 'probe' version 1 is defined twice (first at line " + RULE_START + ")");
        // Another version of the same id is fine.
        String v2 =
                BASE
                        + BASE.substring(BASE.indexOf("  - id: probe"))
                                .replace("version: 1", "version: 2")
                                .replace("2026-11-02", "2026-11-03");
        assertThat(
                        catchThrowableOfType(
                                RuleFileException.class, () -> RulePackParser.parsePack("t", v2)))
                .isNull();
    }

    @Test
    void aHigherVersionMustNotTakeEffectBeforeALowerOne() {
        String yaml =
                BASE
                        + BASE.substring(BASE.indexOf("  - id: probe"))
                                .replace("version: 1", "version: 2")
                                .replace("2026-11-02", "2026-11-01");
        int second = lines(BASE).size() - 1 + RULE_START - 5;
        assertRefused(
                yaml,
                second,
                5,
                "rule 'probe': a higher version must not take effect before a lower one",
                "(versions 1 and 2)");
    }

    @Test
    void severityBandsMustRise() {
        String line = "  severity: {medium: 0.7, high: 0.5, critical: 0.9}";
        assertRefused(
                with(SETTINGS_SEVERITY, line),
                SETTINGS_SEVERITY,
                valueColumn(line),
                "severity bands must rise",
                "0.7, 0.5, 0.9");
        String equal = "  severity: {medium: 0.5, high: 0.5, critical: 0.9}";
        assertRefused(
                with(SETTINGS_SEVERITY, equal),
                SETTINGS_SEVERITY,
                valueColumn(equal),
                "severity bands must rise");
        String range = "  severity: {medium: 0.4, high: 0.7, critical: 1.5}";
        assertRefused(
                with(SETTINGS_SEVERITY, range),
                SETTINGS_SEVERITY,
                range.indexOf("1.5") + 1,
                "severity 'critical' must be in (0, 1]");
    }

    @Test
    void badDurations() {
        String ttl = "      ttl: 15 minutes";
        assertRefused(
                with(TTL, ttl),
                TTL,
                valueColumn(ttl),
                "rule 'probe': 'ttl'",
                "'15 minutes' is not a duration");
        String suppress = "  suppress_for: 10x";
        assertRefused(
                with(SETTINGS_SUPPRESS, suppress),
                SETTINGS_SUPPRESS,
                valueColumn(suppress),
                "'suppress_for'",
                "'10x' is not a duration");
        String negative = "      ttl: PT-5M";
        assertRefused(with(TTL, negative), TTL, valueColumn(negative), "must not be negative");
        // Too long to compute with in epoch milliseconds: refused, not an ArithmeticException.
        for (String huge :
                new String[] {"300000000000000d", "99999999999999999s", "PT2562047788015215H"}) {
            String line = "      ttl: " + huge;
            assertRefused(with(TTL, line), TTL, valueColumn(line), "'" + huge + "' is too long");
        }
    }

    @Test
    void badEffectiveFrom() {
        for (String bad :
                new String[] {
                    "2026-13-45T10:00:00Z", "2026-11-02T10:00:00", "2026-11-02", "soon"
                }) {
            String line = "    effective_from: " + bad;
            assertRefused(
                    with(EFFECTIVE_FROM, line),
                    EFFECTIVE_FROM,
                    valueColumn(line),
                    "rule 'probe': 'effective_from' must be an RFC 3339 time with offset",
                    "got '" + bad + "'");
        }
    }

    @Test
    void unreadableFile() {
        Path missing = Path.of("no", "such", "rules.yaml");
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class, () -> RulePackParser.parseFile(missing));
        assertThat(e.line()).isZero();
        assertThat(e.reason()).startsWith("cannot read");
        assertThat(e.source()).isEqualTo(missing.toString());
    }

    @Test
    void singleRuleMessages() throws Exception {
        String rule = BASE.substring(BASE.indexOf("  - id: probe")).replace("  - id", "    id");
        rule = rule.replaceAll("(?m)^    ", "");
        Rule r = RulePackParser.parseRule("topic:rules/probe", rule);
        assertThat(r).isEqualTo(RulePackParser.parsePack("t", BASE).rules().get(0));
        RuleFileException e =
                catchThrowableOfType(
                        RuleFileException.class, () -> RulePackParser.parseRule("m", "  "));
        assertThat(e.reason()).isEqualTo("the rule is empty");
        assertThat(RulePackParser.parseSettings("m", ""))
                .isEqualTo(dev.exdetect.rules.model.RuleSettings.defaults());
    }
}
