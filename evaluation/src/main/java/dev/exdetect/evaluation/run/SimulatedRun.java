package dev.exdetect.evaluation.run;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.TrafficSimulator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The common core of {@code audit} and {@code benchmark}: simulate a population into request-log
 * files (telling a listener about every record), then run the real detector over them exactly as
 * {@code replay} does ({@link Replay}) and read back its verdicts.
 */
public final class SimulatedRun {
    /**
     * What a run produced.
     *
     * @param traffic the logs written and which requests were attack queries
     * @param detected the detector's counts and output files
     * @param verdicts the detector's alerts and commands per client
     * @param simulateSeconds wall-clock time of the simulation (with the listener's work)
     * @param detectSeconds wall-clock time of the detector job
     */
    public record Outcome(
            TrafficWriter.Written traffic,
            Replay.Result detected,
            Verdicts verdicts,
            double simulateSeconds,
            double detectSeconds) {}

    private SimulatedRun() {}

    /**
     * Simulates {@code plan} from {@code startMillis} into {@code files} log files in {@code
     * workDir}, telling {@code listener} about every record.
     */
    public static TrafficWriter.Written simulate(
            long seed,
            long startMillis,
            Population.Plan plan,
            Path workDir,
            int files,
            TrafficWriter.Listener listener,
            Progress progress)
            throws IOException {
        long t0 = System.nanoTime();
        TrafficWriter.Written traffic =
                TrafficWriter.write(
                        new TrafficSimulator(seed, startMillis, plan.clients()),
                        startMillis,
                        plan.spanMillis(),
                        workDir,
                        files,
                        listener,
                        progress);
        progress.line(
                String.format(
                        "simulated %,d records in %.1f s",
                        traffic.records(), (System.nanoTime() - t0) / 1e9));
        return traffic;
    }

    /** Simulates {@code plan} from {@code startMillis} into {@code workDir} and detects. */
    public static Outcome execute(
            long seed,
            long startMillis,
            Population.Plan plan,
            Path workDir,
            RulePack rules,
            DetectorConfig config,
            int parallelism,
            TrafficWriter.Listener listener,
            Progress progress)
            throws Exception {
        long t0 = System.nanoTime();
        TrafficWriter.Written traffic =
                simulate(seed, startMillis, plan, workDir, parallelism, listener, progress);
        double simulateSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Replay.Result detected =
                Replay.run(
                        new Replay.Request(
                                Replay.files(traffic.files()),
                                traffic.files().stream().map(Path::toString).toList(),
                                rules,
                                config,
                                EventTimeRange.ALL,
                                parallelism,
                                workDir,
                                "replay of simulated traffic",
                                traffic.records()),
                        progress.labelled("detector"));
        double detectSeconds = (System.nanoTime() - t1) / 1e9;
        progress.line(
                String.format(
                        "detector: %,d records in %.1f s (%,.0f records/s)",
                        detected.recordsRead(),
                        detectSeconds,
                        detected.recordsRead() / detectSeconds));
        return new Outcome(
                traffic,
                detected,
                Verdicts.read(detected.alerts(), detected.throttles()),
                simulateSeconds,
                detectSeconds);
    }
}
