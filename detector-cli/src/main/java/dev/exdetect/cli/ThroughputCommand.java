package dev.exdetect.cli;

import dev.exdetect.evaluation.throughput.Throughput;
import dev.exdetect.evaluation.throughput.ThroughputReport;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.replay.Progress;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code throughput}: the end-to-end throughput benchmark. Simulates the benchmark's traffic once,
 * then replays it in this JVM, interleaved over several rounds, through a read-and-parse baseline,
 * the detector without linkage and the detector with linkage, and reports each one's median time as
 * a ratio to the baseline's.
 */
@Command(
        name = "throughput",
        mixinStandardHelpOptions = true,
        description =
                "End-to-end throughput benchmark: simulate the benchmark's traffic once, replay it"
                        + " (batch mode, outputs discarded) through a read-and-parse baseline, the"
                        + " detector without linkage and the detector with linkage, interleaved"
                        + " over several rounds, and report records/s and each variant's median"
                        + " time as a ratio to the baseline's. See docs/BENCHMARKS.md.")
public class ThroughputCommand implements Callable<Integer> {
    @Option(
            names = "--seed",
            defaultValue = "2",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--scale",
            defaultValue = "1",
            paramLabel = "X",
            description =
                    "Client counts relative to the benchmark population (default:"
                            + " ${DEFAULT-VALUE}, about 310,000 requests; 0.4 gives about"
                            + " 130,000; at least one attacker per family is kept, so no scale"
                            + " gives fewer than about 50,000).")
    double scale;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            paramLabel = "R",
            description =
                    "Times each variant runs; medians are taken over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Also write the results as JSON (exdetect.throughput.v1) here.")
    Path output;

    @Mixin ParallelismOption parallelism;
    @Mixin CorpusOption corpus;
    @Mixin DetectionOptions detection;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(spec.commandLine().getErr(), "throughput");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        Path work = Files.createTempDirectory("exdetect-throughput");
        try {
            Throughput.Result result =
                    Throughput.run(
                            new Throughput.Settings(
                                    seed,
                                    scale,
                                    corpus.load(),
                                    detection.rulePack(),
                                    detection.config(),
                                    parallelism.get(),
                                    rounds,
                                    work),
                            progress);
            out.println();
            out.print(ThroughputReport.markdown(result));
            out.flush();
            if (output != null) {
                ThroughputReport.writeJson(result, output);
                progress.line("results written to " + output);
            }
            return result.complete() ? 0 : 1;
        } finally {
            WorkDirs.delete(work);
        }
    }
}
