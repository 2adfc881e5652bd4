package dev.exdetect.evaluation.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.GroundTruth;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's whole path (simulation, baselines, the real detector, scoring, report) on a small
 * population: its scores must agree with the files the detector wrote.
 */
class BenchmarkTest {
    @TempDir Path dir;

    @Test
    void scoresAgreeWithTheDetectorsOutputs() throws Exception {
        Corpus corpus = Corpus.builtIn();
        Population.Plan plan = Population.audit(4, Family.LOGIT_SWEEP, 200, 12, corpus);
        StringWriter progress = new StringWriter();
        Benchmark.Result r =
                Benchmark.run(
                        new Benchmark.Settings(
                                4,
                                1,
                                corpus,
                                DetectionOptions.bundledRules(),
                                DetectorConfig.defaults(),
                                2,
                                Thresholds.CALIBRATE,
                                Thresholds.CALIBRATE,
                                dir),
                        plan,
                        new Progress(new PrintWriter(progress, true), "test"));

        assertThat(r.rejected()).isZero();
        assertThat(r.clients()).isEqualTo(plan.clients().size());
        List<ObjectNode> truth = GroundTruth.read(dir.resolve(TrafficWriter.GROUND_TRUTH));
        assertThat(r.records())
                .isEqualTo(truth.stream().mapToLong(t -> t.path("requests").asLong()).sum());

        // Who the detector flagged, from its own files.
        Set<String> alerted = new HashSet<>();
        for (JsonNode a : TestLogs.read(dir.resolve(Replay.ALERTS))) {
            if (!a.path("severity").asText().equals("LOW")) {
                alerted.add(a.path("client_id").asText());
            }
        }
        Set<String> enforced = new HashSet<>();
        for (JsonNode c : TestLogs.read(dir.resolve(Replay.THROTTLES))) {
            if (List.of("DEGRADE", "THROTTLE", "BLOCK").contains(c.path("action").asText())) {
                enforced.add(c.path("client_id").asText());
            }
        }
        Scorecard detector = r.cards().get(0);
        assertThat(detector.defence()).isEqualTo("detector");
        int benignAlerted = 0;
        int benignEnforced = 0;
        for (JsonNode t : truth) {
            String id = t.path("client_id").asText();
            if (t.path("role").asText().equals("benign")) {
                benignAlerted += alerted.contains(id) || enforced.contains(id) ? 1 : 0;
                benignEnforced += enforced.contains(id) ? 1 : 0;
            }
        }
        assertThat(detector.benign().stream().mapToInt(Scorecard.BenignRow::alerted).sum())
                .isEqualTo(benignAlerted);
        assertThat(detector.benign().stream().mapToInt(Scorecard.BenignRow::enforced).sum())
                .isEqualTo(benignEnforced);

        // The sweep is throttled by the near-duplicate rule at its 40th query.
        Scorecard.AttackRow sweep =
                detector.attacks().stream()
                        .filter(a -> a.family().equals("logit-sweep"))
                        .findFirst()
                        .orElseThrow();
        assertThat(sweep.clients()).isEqualTo(1);
        assertThat(sweep.flagged()).isEqualTo(1);
        assertThat(sweep.medianShare()).isEqualTo(sweep.medianQueries() / 200);
        assertThat(detector.attacks()).hasSize(1);

        // Calibrated baselines keep within their false-positive budgets.
        for (Scorecard baseline : r.cards().subList(1, 3)) {
            int flagged = baseline.benign().stream().mapToInt(Scorecard.BenignRow::enforced).sum();
            int benign = baseline.benign().stream().mapToInt(Scorecard.BenignRow::clients).sum();
            assertThat((double) flagged / benign).isLessThanOrEqualTo(0.01);
        }
        String md = BenchmarkReport.markdown(r);
        assertThat(md).contains("| logit-sweep | 1 | 1/1 |");
        JsonNode json = BenchmarkReport.json(r);
        assertThat(json.path("defences")).hasSize(3);
        assertThat(progress.toString()).contains("detector:");
    }
}
