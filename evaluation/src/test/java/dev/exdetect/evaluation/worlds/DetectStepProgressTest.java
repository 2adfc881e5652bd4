package dev.exdetect.evaluation.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detection step's progress counts every record it processed, and nothing changes. */
class DetectStepProgressTest {
    @TempDir Path dir;

    @Test
    void countsTheRecordsTheDetectionStepTookInWithoutChangingItsAnswers() throws Exception {
        Progress quiet = new Progress(new PrintWriter(new StringWriter()), "test");
        Population.Plan plan = Population.audit(3, Family.LOGIT_SWEEP, 100, 6, Corpus.builtIn());
        SimulatedRun.Outcome plain = run(plan, dir.resolve("plain"), quiet);
        SimulatedRun.Outcome observed;
        long processed;
        try (DetectStepProgress p = DetectStepProgress.start(() -> 0, quiet)) {
            observed =
                    run(
                            Population.audit(3, Family.LOGIT_SWEEP, 100, 6, Corpus.builtIn()),
                            dir.resolve("observed"),
                            quiet);
            processed = DetectStepProgress.processed();
        }
        // Every request reached the detection step (plus rule messages and cluster verdicts).
        assertThat(processed).isGreaterThanOrEqualTo(observed.traffic().records());
        assertThat(DetectStepProgress.processed()).isZero();
        assertThat(java.nio.file.Files.readAllLines(observed.detected().alerts()))
                .isEqualTo(java.nio.file.Files.readAllLines(plain.detected().alerts()));
    }

    private static SimulatedRun.Outcome run(Population.Plan plan, Path dir, Progress progress)
            throws Exception {
        return SimulatedRun.execute(
                3,
                1_793_613_600_000L,
                plan,
                dir,
                DetectionOptions.bundledRules(),
                DetectorConfig.defaults(),
                1,
                (client, seq, attack, record) -> {},
                progress);
    }
}
