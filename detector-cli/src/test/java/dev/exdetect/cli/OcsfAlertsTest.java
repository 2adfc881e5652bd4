package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.OcsfJson;
import dev.exdetect.job.testing.OcsfSchema;
import dev.exdetect.job.testing.TestLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --alert-format ocsf}: the same replay written natively and as OCSF gives the same alerts,
 * and every OCSF finding is valid against the OCSF 1.5.0 Detection Finding schema (a JSON Schema
 * derived from the official definitions, checked with a maintained validator).
 */
class OcsfAlertsTest {
    @TempDir static Path dir;

    private static List<JsonNode> nativeAlerts;
    private static List<JsonNode> ocsfAlerts;

    @BeforeAll
    static void replayTwice() throws Exception {
        Path logs = dir.resolve("logs.jsonl");
        TestLogs.write(logs, TestLogs.simulated(8, 21));
        String baseline = Path.of("..", "samples", "baselines", "demo-population.json").toString();
        nativeAlerts =
                replay(
                        logs,
                        dir.resolve("native"),
                        "--alert-format",
                        "native",
                        "--population-baseline",
                        baseline);
        ocsfAlerts =
                replay(
                        logs,
                        dir.resolve("ocsf"),
                        "--alert-format",
                        "OCSF",
                        "--evidence-raw-text",
                        "--population-baseline",
                        baseline);
    }

    private static List<JsonNode> replay(Path logs, Path out, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of("replay", "--input", logs.toString(), "--output", out.toString()));
        args.addAll(List.of(extra));
        StringWriter err = new StringWriter();
        int code =
                DetectorCli.execute(
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true),
                        args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        return TestLogs.read(out.resolve("alerts.jsonl"));
    }

    @Test
    void everyOcsfFindingIsValidAgainstTheDetectionFindingSchema() {
        assertThat(ocsfAlerts).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode finding : ocsfAlerts) {
            assertThat(OcsfSchema.violations(finding)).as(finding.toString()).isEmpty();
        }
    }

    @Test
    void theOcsfFindingsAreTheNativeAlertsWithTheSameIds() {
        Set<String> nativeIds = new TreeSet<>();
        nativeAlerts.forEach(a -> nativeIds.add(a.path("alert_id").asText()));
        Set<String> ocsfIds = new TreeSet<>();
        ocsfAlerts.forEach(f -> ocsfIds.add(f.path("finding_info").path("uid").asText()));
        assertThat(ocsfIds).isEqualTo(nativeIds);

        for (JsonNode a : nativeAlerts) {
            JsonNode f = findingFor(a.path("alert_id").asText(), a.path("detected_at").asLong());
            assertThat(f.path("class_uid").asInt()).isEqualTo(2004);
            assertThat(f.path("time").asLong()).isEqualTo(a.path("detected_at").asLong());
            assertThat(f.path("risk_score").asInt())
                    .isEqualTo((int) Math.round(a.path("risk_score").asDouble() * 100));
            assertThat(f.path("severity").asText())
                    .isEqualToIgnoringCase(a.path("severity").asText());
            JsonNode attack = f.path("finding_info").path("attacks").get(0);
            assertThat(attack.path("technique").path("uid").asText()).isEqualTo("AML.T0024");
            assertThat(attack.path("sub_technique").path("uid").asText())
                    .isEqualTo("AML.T0024.002");
            assertThat(attack.path("sub_technique").path("name").asText())
                    .isEqualTo("Extract AI Model");
            assertThat(f.path("finding_info").path("analytic").path("uid").asText())
                    .isIn(
                            a.path("rules").size() > 0
                                    ? ids(a.path("rules"))
                                    : ids(a.path("episode_rule_ids")));
            assertThat(f.path("resources").get(0).path("name").asText())
                    .as("the model the client queried")
                    .isEqualTo("assistant-large-2026-10");
            JsonNode actor = f.path("evidences").get(0).path("actor").path("user");
            assertThat(actor.path("uid").asText()).isEqualTo(a.path("client_id").asText());
            assertThat(actor.path("org").path("uid").asText()).isEqualTo(a.path("tenant").asText());

            Set<String> evidenceIds = new TreeSet<>();
            for (JsonNode e : f.path("evidences")) {
                evidenceIds.add(e.path("uid").asText());
                assertThat(e.path("data").path("input_sha256").asText()).hasSize(64);
                assertThat(e.path("data").path("input_text").asText()).isNotEmpty();
            }
            assertThat(evidenceIds)
                    .containsAll(ids(a.path("evidence").path("sample_request_ids")))
                    .contains(a.path("trigger_request_id").asText());

            if (a.path("action").isTextual()) {
                assertThat(f.path("remediation").path("desc").asText())
                        .contains(a.path("action").asText())
                        .contains(a.path("tenant").asText() + ":" + a.path("client_id").asText());
            }
            if (a.path("rules").isEmpty()) {
                continue; // raised by time passing: no thresholds were crossed by a request
            }
            JsonNode anomalies = f.path("anomaly_analyses").get(0).path("anomalies");
            for (JsonNode rule : a.path("rules")) {
                for (JsonNode crossed : rule.path("thresholds_crossed")) {
                    assertThat(ids(anomalies, "observation_parameter"))
                            .contains(crossed.path("feature").asText());
                }
            }
            // Each feature placed against the population baseline is an OCSF baseline too.
            assertThat(a.path("evidence").path("population")).isNotEmpty();
            List<String> populationBaselines = new ArrayList<>();
            for (JsonNode b : f.path("anomaly_analyses").get(0).path("baselines")) {
                if (b.path("observation_type").asText().startsWith("Population baseline")) {
                    populationBaselines.add(b.path("observation_parameter").asText());
                }
            }
            assertThat(populationBaselines)
                    .containsExactlyInAnyOrderElementsOf(
                            ids(a.path("evidence").path("population"), "feature"));
        }
    }

    @Test
    void theNativeActivityBecomesTheOcsfActivityAndCreateIsTheDefault() {
        JsonNode nativeAlert = nativeAlerts.get(0);
        assertThat(OcsfJson.detectionFinding(nativeAlert, null).path("activity_id").asInt())
                .isEqualTo(1);
        int[] expected = {1, 2, 3};
        String[] activities = {"created", "updated", "closed"};
        for (int i = 0; i < activities.length; i++) {
            ObjectNode withActivity = nativeAlert.deepCopy();
            withActivity.put("activity", activities[i]);
            ObjectNode f = OcsfJson.detectionFinding(withActivity, "m");
            assertThat(f.path("activity_id").asInt()).isEqualTo(expected[i]);
            assertThat(f.path("type_uid").asInt()).isEqualTo(200400 + expected[i]);
            assertThat(f.path("is_alert").asBoolean()).isEqualTo(expected[i] != 3);
            assertThat(OcsfSchema.violations(f)).isEmpty();
        }
    }

    @Test
    void theSchemaCheckFailsWhenARequiredAttributeIsMissingOrMistyped() {
        JsonNode valid = ocsfAlerts.get(0);
        assertThat(OcsfSchema.violations(valid)).isEmpty();

        assertInvalid(valid, f -> f.remove("severity_id"));
        assertInvalid(valid, f -> f.remove("metadata"));
        assertInvalid(valid, f -> ((ObjectNode) f.path("finding_info")).remove("uid"));
        assertInvalid(valid, f -> ((ObjectNode) f.path("metadata")).remove("version"));
        assertInvalid(
                valid,
                f -> ((ObjectNode) f.path("finding_info").path("analytic")).remove("type_id"));
        assertInvalid(valid, f -> f.put("time", "2026-11-02T10:00:00Z"));
        assertInvalid(valid, f -> f.put("severity_id", 7));
        assertInvalid(valid, f -> f.put("type_uid", 200402)); // activity_id says Create
        assertInvalid(valid, f -> f.put("risk_score", 0.75));
        assertInvalid(valid, f -> f.put("findings_info", "misspelt attribute"));
        assertInvalid(
                valid,
                f -> {
                    ObjectNode attack = (ObjectNode) f.path("finding_info").path("attacks").get(0);
                    attack.remove(List.of("tactic", "technique", "sub_technique", "mitigation"));
                });
        assertInvalid(
                valid,
                f -> {
                    ArrayNode anomalies =
                            (ArrayNode) f.path("anomaly_analyses").get(0).path("anomalies");
                    ((ObjectNode) anomalies.get(0)).remove("observations");
                });
    }

    private static void assertInvalid(JsonNode valid, Consumer<ObjectNode> breakIt) {
        ObjectNode broken = valid.deepCopy();
        breakIt.accept(broken);
        assertThat(OcsfSchema.violations(broken)).as(broken.toString()).isNotEmpty();
    }

    /** The finding of one message of an alert: same id, same time (an episode has several). */
    private static JsonNode findingFor(String alertId, long time) {
        return ocsfAlerts.stream()
                .filter(f -> f.path("finding_info").path("uid").asText().equals(alertId))
                .filter(f -> f.path("time").asLong() == time)
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new TreeSet<>();
        for (JsonNode n : array) {
            ids.add(n.isTextual() ? n.asText() : n.path("id").asText());
        }
        return ids;
    }

    private static Set<String> ids(JsonNode array, String field) {
        Set<String> ids = new TreeSet<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }
}
