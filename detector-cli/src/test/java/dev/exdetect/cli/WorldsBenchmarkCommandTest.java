package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.GroundTruth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code benchmark --worlds} end to end on two tiny worlds, from the command line through the real
 * detector: the report has its structure, and its counts reconcile with the ground truth and with
 * what the detector wrote.
 */
class WorldsBenchmarkCommandTest {
    private static final Path WORLDS = Path.of("src", "test", "resources", "worlds");

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void fitsOnTheCalibrationWorldReportsTheOtherAndEveryCountReconciles() throws Exception {
        Path output = dir.resolve("out");
        int code =
                cli(
                        "benchmark",
                        "--worlds",
                        WORLDS.toString(),
                        "--calibration",
                        "tiny-cal",
                        "--output",
                        output.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("## Worst report world per target", "## tiny-report (report)")
                .contains("## Calibration world");
        assertThat(err.toString())
                .contains("world 1 of 2: tiny-cal (calibration)", "world 2 of 2: tiny-report");
        JsonNode report = Json.MAPPER.readTree(output.resolve("worlds-benchmark.json").toFile());
        assertThat(report.path("schema").asText()).isEqualTo("exdetect.worlds-benchmark.v1");
        assertThat(report.path("calibration_world").asText()).isEqualTo("tiny-cal");
        assertThat(report.path("fitted").path("mmd").path("threshold").isNumber()).isTrue();
        assertThat(report.path("fitted").path("rate_limit").path("chat").isNumber()).isTrue();
        // Nine targets for each of the four defences, each naming a report world.
        assertThat(report.path("summary")).hasSize(9 * 4);
        for (JsonNode s : report.path("summary")) {
            assertThat(s.path("worst_world").asText()).isEqualTo("tiny-report");
        }
        JsonNode worlds = report.path("worlds");
        assertThat(worlds)
                .extracting(w -> w.path("role").asText())
                .containsExactly("calibration", "report");
        for (JsonNode w : worlds) {
            reconciles(w, output.resolve("run").resolve(w.path("name").asText()));
        }
        assertThat(Files.readString(output.resolve("worlds-benchmark.md")))
                .isEqualTo(out.toString().substring(out.toString().indexOf("Benchmark of worlds")));
    }

    private static void reconciles(JsonNode world, Path run) throws Exception {
        List<ObjectNode> truth = GroundTruth.read(run.resolve("ground-truth.json"));
        assertThat(world.path("clients").asInt()).isEqualTo(truth.size());
        Map<String, Integer> byArchetype = new HashMap<>();
        Map<String, Integer> byFamily = new HashMap<>();
        Map<String, String> role = new HashMap<>();
        int attack = 0;
        int campaign = 0;
        long requests = 0;
        for (ObjectNode t : truth) {
            byArchetype.merge(t.path("archetype").asText(), 1, Integer::sum);
            role.put(t.path("client_id").asText(), t.path("role").asText());
            requests += t.path("requests").asLong();
            if (t.path("role").asText().equals("attack")) {
                attack++;
                byFamily.merge(t.path("family").asText(), 1, Integer::sum);
                campaign += t.path("campaign").isNull() ? 0 : 1;
                assertThat(t.path("attack_queries").asLong()).isEqualTo(t.path("budget").asLong());
            }
        }
        assertThat(world.path("records").asLong()).isEqualTo(requests);
        assertThat(world.path("records_rejected").asLong()).isZero();
        assertThat(world.path("attack_clients").asInt()).isEqualTo(attack);
        assertThat(world.path("defences"))
                .extracting(d -> d.path("defence").asText())
                .containsExactly("detector", "rate-limit", "prada", "mmd");
        for (JsonNode d : world.path("defences")) {
            // Every ground-truth client appears in exactly one archetype row, with its n.
            Map<String, Integer> rows = new HashMap<>();
            d.path("attack_archetypes")
                    .forEach(
                            a ->
                                    rows.merge(
                                            a.path("archetype").asText(),
                                            a.path("clients").asInt(),
                                            Integer::sum));
            d.path("benign_archetypes")
                    .forEach(
                            b ->
                                    rows.merge(
                                            b.path("archetype").asText(),
                                            b.path("clients").asInt(),
                                            Integer::sum));
            assertThat(rows).isEqualTo(byArchetype);
            Map<String, Integer> families = new HashMap<>();
            d.path("attack_families")
                    .forEach(
                            f ->
                                    families.put(
                                            f.path("family").asText(), f.path("clients").asInt()));
            assertThat(families).isEqualTo(byFamily);
            int members = 0;
            for (JsonNode c : d.path("campaigns")) {
                members += c.path("members").asInt();
            }
            assertThat(members).isEqualTo(campaign);
            JsonNode totals = d.path("totals");
            assertThat(totals.path("attack_clients").asInt()).isEqualTo(attack);
            assertThat(totals.path("benign_clients").asInt()).isEqualTo(truth.size() - attack);
            int flagged = 0;
            for (JsonNode a : d.path("attack_archetypes")) {
                flagged += a.path("flagged").asInt();
                assertThat(a.path("flagged").asInt())
                        .isBetween(a.path("enforced").asInt(), a.path("clients").asInt());
            }
            assertThat(totals.path("attack_flagged").asInt()).isEqualTo(flagged);
        }
        // The detector's benign counts are who its own files name.
        Set<String> alerted = new HashSet<>();
        for (JsonNode a : TestLogs.read(run.resolve("alerts.jsonl"))) {
            if (!a.path("severity").asText().equals("LOW")) {
                alerted.add(a.path("client_id").asText());
            }
        }
        Set<String> enforced = new HashSet<>();
        for (JsonNode c : TestLogs.read(run.resolve("throttles.jsonl"))) {
            if (List.of("DEGRADE", "THROTTLE", "BLOCK").contains(c.path("action").asText())) {
                enforced.add(c.path("client_id").asText());
            }
        }
        int benignAlerted = 0;
        int benignEnforced = 0;
        int attackFlagged = 0;
        for (Map.Entry<String, String> e : role.entrySet()) {
            boolean a = alerted.contains(e.getKey()) || enforced.contains(e.getKey());
            if (e.getValue().equals("benign")) {
                benignAlerted += a ? 1 : 0;
                benignEnforced += enforced.contains(e.getKey()) ? 1 : 0;
            } else {
                attackFlagged += a ? 1 : 0;
            }
        }
        JsonNode detector = world.path("defences").get(0).path("totals");
        assertThat(detector.path("benign_alerted").asInt()).isEqualTo(benignAlerted);
        assertThat(detector.path("benign_enforced").asInt()).isEqualTo(benignEnforced);
        assertThat(detector.path("attack_flagged").asInt()).isEqualTo(attackFlagged);
    }

    @Test
    void refusesOptionsOfTheSingleWorldBenchmarkAndAMissingCalibrationWorld() {
        assertThat(cli("benchmark", "--worlds", WORLDS.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--worlds DIR and --calibration NAME go together");
        assertThat(
                        cli(
                                "benchmark",
                                "--worlds",
                                WORLDS.toString(),
                                "--calibration",
                                "tiny-cal",
                                "--seed",
                                "3"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--seed is an option of the single-world benchmark");
        assertThat(cli("benchmark", "--worlds", WORLDS.toString(), "--calibration", "nowhere"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "no world named 'nowhere' to calibrate on; worlds: tiny-cal, tiny-report");
    }

    @Test
    void refusesABadWorldFileNamingFileAndLine() throws Exception {
        Path worlds = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(
                worlds.resolve("w.yaml"),
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 1h\nvictim: {data: synthetic}\n"
                        + "corpus: built-in\ncohorts:\n  - {archetype: faq-bot, count: 2, zipff: 1}\n");
        assertThat(cli("benchmark", "--worlds", worlds.toString(), "--calibration", "w"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(worlds.resolve("w.yaml") + ":7:")
                .contains("unknown key 'zipff' for archetype faq-bot; did you mean 'zipf'?");
    }

    @Test
    void aWorldOfTheCorpusNeedsTheCorpusFolder() throws Exception {
        Path worlds = Files.createDirectories(dir.resolve("corpus"));
        Files.copy(WORLDS.resolve("tiny-cal.yaml"), worlds.resolve("tiny-cal.yaml"));
        Files.writeString(
                worlds.resolve("real.yaml"),
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 1h\nvictim: {data: digits}\n"
                        + "cohorts:\n  - {archetype: chat-user, count: 2}\n");
        assertThat(cli("benchmark", "--worlds", worlds.toString(), "--calibration", "tiny-cal"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "world real (",
                        "draws from corpus files; give the corpus folder (--corpus DIR)");
    }
}
