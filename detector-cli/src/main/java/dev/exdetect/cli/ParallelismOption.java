package dev.exdetect.cli;

import picocli.CommandLine.Option;

/** {@code --parallelism N} of the detector job that {@code audit} and {@code benchmark} run. */
public class ParallelismOption {
    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description =
                    "Parallelism of the detector job, and number of log files written for it"
                            + " (default: ${DEFAULT-VALUE}).")
    int parallelism;

    /** The parallelism; at least 1. */
    public int get() {
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
        }
        return parallelism;
    }
}
