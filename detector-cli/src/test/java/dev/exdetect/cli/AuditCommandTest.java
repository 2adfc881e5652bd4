package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.evaluation.run.Verdicts;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.GroundTruth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} end to end, from the command line, through the real detector: the report must agree
 * with the alerts and throttle commands the detector wrote.
 */
class AuditCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private JsonNode audit(String family, int budget, long seed) throws Exception {
        Path report = dir.resolve(family + ".json");
        int code =
                cli(
                        "audit",
                        "--attack",
                        family,
                        "--budget",
                        Integer.toString(budget),
                        "--background",
                        "5",
                        "--seed",
                        Long.toString(seed),
                        "--work-dir",
                        dir.resolve(family).toString(),
                        "--output",
                        report.toString());
        assertThat(code).as(err.toString()).isZero();
        return Json.MAPPER.readTree(report.toFile());
    }

    private List<JsonNode> lines(String family, String file, String client) throws Exception {
        return TestLogs.read(dir.resolve(family).resolve(file)).stream()
                .filter(n -> n.path("client_id").asText().equals(client))
                .toList();
    }

    @Test
    void refusesAnUnknownFamilyListingTheValidOnes() {
        assertThat(cli("audit", "--attack", "interactive-user")).isEqualTo(2);
        assertThat(err.toString()).contains("not an attack family");
        assertThat(cli("audit", "--attack", "teleportation")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown family 'teleportation'", "equation-solving");
    }

    @Test
    void aThrottledLogitSweepIsAccountedForQueryByQuery() throws Exception {
        JsonNode r = audit("logit-sweep", 150, 1);
        String attacker = r.path("attack").path("accounts").get(0).asText();
        assertThat(r.path("attack").path("attack_queries").asLong()).isEqualTo(150);

        List<JsonNode> alerts = lines("logit-sweep", "alerts.jsonl", attacker);
        List<JsonNode> commands =
                lines("logit-sweep", "throttles.jsonl", attacker).stream()
                        .filter(n -> !n.path("tombstone").asBoolean())
                        .toList();
        assertThat(alerts).isNotEmpty();
        assertThat(commands).isNotEmpty();

        JsonNode firstAlert = r.path("detection").path("first_alert");
        assertThat(firstAlert.path("attack_queries").asLong())
                .isEqualTo(alerts.get(0).path("client_request_count").asLong())
                .isEqualTo(Verdicts.seqOf(alerts.get(0).path("trigger_request_id").asText()));
        JsonNode enforced = r.path("detection").path("first_enforcement");
        JsonNode command = commands.get(0);
        assertThat(enforced.path("action").asText()).isEqualTo(command.path("action").asText());
        assertThat(enforced.path("attack_queries").asLong())
                .isEqualTo(Verdicts.seqOf(command.path("trigger_request_id").asText()));
        assertThat(enforced.path("share_of_budget").asDouble())
                .isCloseTo(enforced.path("attack_queries").asLong() / 150.0, within(1e-4));

        JsonNode before = r.path("extraction").path("before_first_enforcement");
        assertThat(before.path("full_answers").asLong())
                .isEqualTo(enforced.path("attack_queries").asLong());
        assertThat(before.path("logprob_answers").asLong())
                .isEqualTo(before.path("full_answers").asLong());
        JsonNode defended = r.path("extraction").path("with_defence");
        assertThat(
                        defended.path("full_answers").asLong()
                                + defended.path("degraded_answers").asLong()
                                + defended.path("refused").asLong())
                .isEqualTo(150);
        // THROTTLE allows 10 per minute; the sweep sends several per second.
        assertThat(defended.path("refused").asLong()).isPositive();
        assertThat(r.path("fidelity").isNull()).isTrue();

        List<ObjectNode> truth = GroundTruth.read(dir.resolve("logit-sweep/ground-truth.json"));
        assertThat(truth)
                .filteredOn(t -> t.path("client_id").asText().equals(attacker))
                .singleElement()
                .satisfies(t -> assertThat(t.path("attack_queries").asLong()).isEqualTo(150));
        assertThat(out.toString()).contains("first enforcement:", "THROTTLE");
    }

    @Test
    void anEquationSolvingAuditReportsTheStolenModelsFidelity() throws Exception {
        JsonNode r = audit("equation-solving", 300, 3);
        String attacker = r.path("attack").path("accounts").get(0).asText();
        List<JsonNode> alerts = lines("equation-solving", "alerts.jsonl", attacker);
        List<JsonNode> enforcing =
                lines("equation-solving", "throttles.jsonl", attacker).stream()
                        .filter(n -> !n.path("tombstone").asBoolean())
                        .filter(n -> !n.path("action").asText().equals("MONITOR"))
                        .toList();
        JsonNode detection = r.path("detection");
        if (alerts.isEmpty()) {
            assertThat(detection.path("first_alert").isNull()).isTrue();
        } else {
            assertThat(detection.path("first_alert").path("attack_queries").asLong())
                    .isEqualTo(alerts.get(0).path("client_request_count").asLong());
        }
        assertThat(detection.path("first_enforcement").isNull()).isEqualTo(enforcing.isEmpty());

        JsonNode f = r.path("fidelity");
        assertThat(f.path("held_out_rows").asInt()).isPositive();
        // Equation solving recovers a logistic regression exactly from full-precision answers.
        assertThat(f.path("undefended").asDouble()).isGreaterThan(0.99);
        if (enforcing.isEmpty()) {
            assertThat(f.path("at_first_enforcement").isNull()).isTrue();
            assertThat(f.path("with_defence").asDouble())
                    .isEqualTo(f.path("undefended").asDouble());
        }
        JsonNode all = r.path("extraction").path("with_defence");
        assertThat(all.path("probability_answers").asLong())
                .isEqualTo(all.path("full_answers").asLong());
    }
}
