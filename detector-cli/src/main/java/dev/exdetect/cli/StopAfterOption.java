package dev.exdetect.cli;

import dev.exdetect.job.launch.DetectionOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --duration} of the server commands ({@code gateway}, {@code model-server}). */
public class StopAfterOption {
    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DetectionOptions.DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;
}
