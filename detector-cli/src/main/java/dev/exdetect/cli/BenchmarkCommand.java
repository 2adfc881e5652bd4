package dev.exdetect.cli;

import dev.exdetect.evaluation.benchmark.Benchmark;
import dev.exdetect.evaluation.benchmark.BenchmarkReport;
import dev.exdetect.evaluation.benchmark.Thresholds;
import dev.exdetect.evaluation.worlds.DetectorSetup;
import dev.exdetect.evaluation.worlds.WorldsBenchmark;
import dev.exdetect.evaluation.worlds.WorldsReport;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.replay.Progress;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark}: the detection benchmark. Simulates a day of mixed traffic, runs the detector
 * over it as {@code replay} does, and prints per family how many clients were flagged and how
 * early, next to a rate limit and PRADA computed on the same traffic. With {@code --worlds DIR
 * --calibration NAME}, the benchmark of worlds: fit on one world, report on the others, and name
 * the worst one.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description =
                "Detection benchmark: simulate a day of benign clients and attackers of every"
                        + " family, replay it through the detector, and report per family next to"
                        + " two baselines (a per-client rate limit and PRADA). With --worlds DIR"
                        + " --calibration NAME: fit the baselines on the calibration world, run"
                        + " every other world of DIR with those settings, and report per world,"
                        + " archetype and family, with the worst world per target. See"
                        + " docs/DETECTION.md.")
public class BenchmarkCommand implements Callable<Integer> {
    /** Options of the single-world benchmark that a benchmark of worlds does not take. */
    private static final List<String> SINGLE_WORLD_OPTIONS =
            List.of(
                    "--seed",
                    "--scale",
                    "--rate-limit",
                    "--prada-delta",
                    "--calibrate",
                    "--attack-timing");

    @Option(
            names = "--worlds",
            paramLabel = "DIR",
            description =
                    "Run the benchmark of worlds on the world files (*.yaml) of DIR, e.g."
                            + " samples/worlds (format: samples/worlds/README.md).")
    Path worlds;

    @Option(
            names = "--calibration",
            paramLabel = "NAME",
            description =
                    "With --worlds: the world everything is fitted on (its file name without"
                            + " .yaml); every other world is reported.")
    String calibration;

    @Option(
            names = "--seed",
            defaultValue = "2",
            description = "Simulation seed (default: ${DEFAULT-VALUE}; seed 1 is for calibration).")
    long seed;

    @Option(
            names = "--scale",
            defaultValue = "1",
            paramLabel = "X",
            description =
                    "Client counts relative to the standard population of 405 benign clients and"
                            + " 4 attackers per family (default: ${DEFAULT-VALUE}; 0.25 simulates"
                            + " about a quarter of the requests).")
    double scale;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description =
                    "Write benchmark.md, benchmark.json and the run's logs, ground truth and"
                            + " detector outputs (DIR/run/) here; default: report on the console"
                            + " only.")
    Path output;

    @Option(
            names = "--rate-limit",
            paramLabel = "CHAT/VECTOR",
            description =
                    "Rate-limit baseline: requests per 60 s above which a client of each API is"
                            + " throttled (default: ${DEFAULT-VALUE}, calibrated on seed 1).")
    String rateLimit = Benchmark.DEFAULT_RATE_LIMIT.toString();

    @Option(
            names = "--prada-delta",
            paramLabel = "CHAT/VECTOR",
            description =
                    "PRADA baseline: Shapiro-Wilk W below which a client of each API is flagged"
                            + " (default: ${DEFAULT-VALUE}, calibrated on seed 1).")
    String pradaDelta = Benchmark.DEFAULT_PRADA_DELTA.toString();

    @Option(
            names = "--calibrate",
            description =
                    "Give the baselines the thresholds calibrated on this run (the strictest that"
                            + " flag at most 0.5%% (rate limit) / 1%% (PRADA) of each API's benign"
                            + " clients) instead of the defaults.")
    boolean calibrate;

    @Mixin AttackTimingOption attackTiming;
    @Mixin ParallelismOption parallelism;
    @Mixin CorpusOption corpus;
    @Mixin DetectionOptions detection;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (worlds != null || calibration != null) {
            return worlds();
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), "benchmark");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        Path work =
                output != null
                        ? Files.createDirectories(output.resolve("run"))
                        : Files.createTempDirectory("exdetect-benchmark");
        try {
            Benchmark.Result result =
                    Benchmark.run(
                            new Benchmark.Settings(
                                    seed,
                                    scale,
                                    corpus.load(),
                                    detection.rulePack(),
                                    detection.config(),
                                    parallelism.get(),
                                    calibrate ? Thresholds.CALIBRATE : Thresholds.parse(rateLimit),
                                    calibrate ? Thresholds.CALIBRATE : Thresholds.parse(pradaDelta),
                                    work,
                                    attackTiming.get()),
                            progress);
            String md = BenchmarkReport.markdown(result);
            out.println();
            out.print(md);
            out.flush();
            if (output != null) {
                Files.writeString(output.resolve("benchmark.md"), md, StandardCharsets.UTF_8);
                Files.writeString(
                        output.resolve("benchmark.json"),
                        BenchmarkReport.json(result).toPrettyString() + "\n",
                        StandardCharsets.UTF_8);
                progress.line("report written to " + output);
            }
            return result.rejected() == 0 ? 0 : 1;
        } finally {
            if (output == null) {
                WorkDirs.delete(work);
            }
        }
    }

    /** {@code --worlds DIR --calibration NAME}. */
    private int worlds() throws Exception {
        if (worlds == null || calibration == null) {
            throw new IllegalArgumentException(
                    "--worlds DIR and --calibration NAME go together (e.g. --worlds samples/worlds"
                            + " --calibration calibration)");
        }
        for (String option : SINGLE_WORLD_OPTIONS) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new IllegalArgumentException(
                        option
                                + " is an option of the single-world benchmark; a world file"
                                + " sets its own seed, mix and pacing, and the baselines are"
                                + " calibrated on the calibration world");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), "benchmark");
        Path work =
                output != null
                        ? Files.createDirectories(output.resolve("run"))
                        : Files.createTempDirectory("exdetect-worlds");
        try {
            WorldsBenchmark.Result result =
                    WorldsBenchmark.run(
                            new WorldsBenchmark.Settings(
                                    WorldsBenchmark.read(worlds),
                                    calibration,
                                    corpus.files(),
                                    new DetectorSetup(
                                            detection.rulePack(),
                                            detection.config(),
                                            parallelism.get()),
                                    work),
                            progress);
            String md = WorldsReport.markdown(result);
            out.println();
            out.print(md);
            out.flush();
            if (output != null) {
                Files.writeString(
                        output.resolve("worlds-benchmark.md"), md, StandardCharsets.UTF_8);
                Files.writeString(
                        output.resolve("worlds-benchmark.json"),
                        WorldsReport.json(result).toPrettyString() + "\n",
                        StandardCharsets.UTF_8);
                progress.line("report written to " + output);
            }
            progress.line(String.format(java.util.Locale.ROOT, "done in %.0f s", result.seconds()));
            return result.recordsRejected() == 0 ? 0 : 1;
        } finally {
            if (output == null) {
                WorkDirs.delete(work);
            }
        }
    }
}
