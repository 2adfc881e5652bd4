package dev.exdetect.job.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.samples.simulator.TrafficSimulator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code simulate}: writes simulated request logs to a file, for replay and experiments. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description =
                "Write simulated request logs (benign users and extraction attackers) to a .jsonl or .jsonl.gz file.")
public class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Log file to write (.jsonl or .jsonl.gz).")
    Path output;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = DetectionOptions.DurationConverter.class,
            defaultValue = "10m",
            description = "Event-time span of the log (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            defaultValue = "2026-11-02T10:00:00Z",
            description = "Event time of the start (default: ${DEFAULT-VALUE}).")
    String start;

    @Option(
            names = "--benign-clients",
            paramLabel = "N",
            defaultValue = "8",
            description = "Benign users (default: ${DEFAULT-VALUE}).")
    int benignClients;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = ReplayCommand.parseTime(start, "--start");
        long end = t0 + duration.toMillis();
        TrafficSimulator simulator = TrafficSimulator.demo(seed, t0, benignClients);
        long n = 0;
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        try (OutputStream file = Files.newOutputStream(output);
                OutputStream out =
                        new BufferedOutputStream(
                                output.toString().endsWith(".gz")
                                        ? new GZIPOutputStream(file)
                                        : file,
                                1 << 16)) {
            while (simulator.peekTimestamp() < end) {
                ObjectNode request = simulator.next();
                out.write(Json.bytes(request));
                out.write('\n');
                if (++n % 100_000 == 0) {
                    spec.commandLine().getErr().printf("simulate: %,d records%n", n);
                }
            }
        }
        spec.commandLine()
                .getErr()
                .printf(
                        "simulate: wrote %,d records (%d clients, %s of event time) to %s%n",
                        n, simulator.clients().size(), duration, output);
        return 0;
    }
}
