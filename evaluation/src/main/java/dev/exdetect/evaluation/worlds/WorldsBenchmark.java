package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.corpus.CorpusFiles;
import dev.exdetect.simulation.world.World;
import dev.exdetect.simulation.world.WorldBuilder;
import dev.exdetect.simulation.world.WorldParser;
import dev.exdetect.simulation.world.WorldPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark of worlds: fit on one world, report on worlds the fit never saw, and report the
 * worst one. The calibration world is run first and everything the benchmark calibrates is fitted
 * on it ({@link Calibrator}); then every other world is run with those settings unchanged, and
 * scored per archetype and family with n. The detector runs with the rules and settings it is
 * given, the same on every world. The summary names, per target of issue 12 and per defence, the
 * worst report world.
 */
public final class WorldsBenchmark {
    /**
     * What to run.
     *
     * @param worlds the worlds (one of them the calibration world)
     * @param calibration the calibration world's name
     * @param corpus the corpus folder, or null (then every world must use the built-in generators
     *     and a synthetic victim)
     * @param detector the detector's rules, settings and parallelism
     * @param workDir where each world's logs and the detector's outputs go ({@code DIR/NAME/})
     */
    public record Settings(
            List<World> worlds,
            String calibration,
            CorpusFiles corpus,
            DetectorSetup detector,
            Path workDir) {}

    /**
     * What came out.
     *
     * @param fitted what was fitted on the calibration world
     * @param calibration the calibration world's scores (the fit's own numbers)
     * @param reports the report worlds' scores, in name order
     * @param worst per defence and target, the worst report world
     * @param rules the detector's rule pack, for the report
     * @param seconds wall-clock time of the whole run
     */
    public record Result(
            Fitted fitted,
            WorldScore calibration,
            List<WorldScore> reports,
            List<Target.Worst> worst,
            String rules,
            double seconds) {
        /** Every world's records the detector refused (0 when all is well). */
        public long recordsRejected() {
            long n = calibration.recordsRejected();
            for (WorldScore w : reports) {
                n += w.recordsRejected();
            }
            return n;
        }
    }

    private WorldsBenchmark() {}

    /** Reads the worlds of {@code dir} ({@code *.yaml}). */
    public static List<World> read(Path dir) throws java.io.IOException {
        return WorldParser.readAll(dir);
    }

    /** Runs the benchmark, printing progress. */
    public static Result run(Settings s, Progress progress) throws Exception {
        long t0 = System.nanoTime();
        World calibrationWorld = null;
        List<World> reports = new ArrayList<>();
        for (World w : s.worlds()) {
            if (w.name().equals(s.calibration())) {
                calibrationWorld = w;
            } else {
                reports.add(w);
            }
        }
        if (calibrationWorld == null) {
            throw new IllegalArgumentException(
                    "no world named '"
                            + s.calibration()
                            + "' to calibrate on; worlds: "
                            + String.join(", ", s.worlds().stream().map(World::name).toList()));
        }
        if (reports.isEmpty()) {
            throw new IllegalArgumentException(
                    "only the calibration world was given: report worlds are needed to report on");
        }
        for (World w : s.worlds()) {
            // Fail before hours of running, not in the middle.
            if (w.needsCorpus() && s.corpus() == null) {
                throw new IllegalArgumentException(
                        "world "
                                + w.name()
                                + " ("
                                + w.file()
                                + ") draws from corpus files; give the corpus folder (--corpus"
                                + " DIR)");
            }
        }
        int total = s.worlds().size();
        String rules = s.detector().rules().source();

        // Calibration: labels allowed here, and only here.
        progress.line(step(1, total, calibrationWorld, "calibration"));
        WorldPlan calPlan = WorldBuilder.build(calibrationWorld, s.corpus());
        CalibrationWorld cal =
                WorldRuns.calibration(
                        calPlan,
                        s.workDir().resolve(calibrationWorld.name()),
                        s.detector(),
                        progress);
        Fitted fitted = Calibrator.fit(cal);
        progress.line(
                String.format(
                        Locale.ROOT,
                        "fitted on %s: rate limit %s requests/60 s, PRADA δ %s, MMD threshold %.5f"
                                + " (reference of %d queries from %d benign clients)",
                        fitted.calibrationWorld(),
                        fitted.rateLimit().display(),
                        fitted.pradaDelta().display(),
                        fitted.mmd().threshold(),
                        fitted.mmd().reference().size(),
                        fitted.mmdReferenceClients()));
        FirstCrossing[] calMmd = WorldRuns.mmdScores(cal, fitted);
        WorldScore calibrationScore =
                WorldScore.of(cal.observed(), WorldScore.CALIBRATION, fitted, calMmd, rules);
        progress.line(summaryLine(calibrationScore));

        // Report worlds: the fitted settings, unchanged.
        List<WorldScore> reportScores = new ArrayList<>();
        int k = 1;
        for (World w : reports) {
            progress.line(step(++k, total, w, "report"));
            WorldPlan plan = WorldBuilder.build(w, s.corpus());
            Observed o =
                    WorldRuns.report(
                            plan, s.workDir().resolve(w.name()), s.detector(), fitted, progress);
            WorldScore score = WorldScore.of(o, WorldScore.REPORT, fitted, o.mmd(), rules);
            progress.line(summaryLine(score));
            reportScores.add(score);
        }
        return new Result(
                fitted,
                calibrationScore,
                List.copyOf(reportScores),
                Target.worst(reportScores),
                rules,
                (System.nanoTime() - t0) / 1e9);
    }

    private static String step(int k, int total, World w, String role) {
        return String.format(
                Locale.ROOT,
                "world %d of %d: %s (%s), %d clients, %s of event time",
                k,
                total,
                w.name(),
                role,
                w.clients(),
                WorldsReport.hours(w.durationMillis()));
    }

    private static String summaryLine(WorldScore s) {
        DefenceScore.Totals t = s.defences().get(0).totals();
        return String.format(
                Locale.ROOT,
                "%s: detector flagged %d of %d attack accounts, alerted %d and enforced on %d of"
                        + " %d benign clients",
                s.world().name(),
                t.attackFlagged(),
                t.attackClients(),
                t.benignAlerted(),
                t.benignEnforced(),
                t.benignClients());
    }
}
