package dev.exdetect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.cli.baseline.BaselineFit;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.job.request.ClientKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code baseline}: fits the population baseline that alerts compare feature values with, from logs
 * of normal traffic, leaving out the clients a replay of the same logs alerted on.
 */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description =
                "Fit a population baseline (exdetect.population-baseline.v1) from request logs of normal traffic: each client's feature vector after its last request, computed as the job does. Give it to run, replay or demo with --population-baseline so alerts show where each feature value falls among normal clients.")
public class BaselineCommand implements Callable<Integer> {
    @Option(
            names = "--input",
            required = true,
            arity = "1..*",
            paramLabel = "PATH",
            description =
                    "Request logs: .jsonl or .jsonl.gz files or folders of them, in time order.")
    List<Path> inputs;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FILE",
            description = "Baseline file to write (JSON).")
    Path output;

    @Option(
            names = "--exclude-alerted",
            paramLabel = "ALERTS",
            description =
                    "alerts.jsonl of a replay of the same logs (native format): leave out every client alerted at MEDIUM or higher.")
    Path alerts;

    @Option(
            names = "--min-requests",
            paramLabel = "N",
            defaultValue = "20",
            description =
                    "Leave out clients with fewer requests; their features are mostly undefined (default: ${DEFAULT-VALUE}).")
    int minRequests;

    @Spec CommandSpec spec;

    @Mixin DetectionOptions detection;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            files.addAll(Replay.expand(input));
        }
        Set<String> excluded = alerts == null ? Set.of() : alertedClients(alerts);
        BaselineFit.Result r =
                new BaselineFit(detection.config(), excluded, minRequests)
                        .fit(files, new Progress(err, "baseline"));
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, r.baseline().toJson() + "\n", StandardCharsets.UTF_8);
        err.printf(
                "baseline: %d records read, %d accepted, %d rejected; %d clients: %d used, %d excluded as alerted, %d with fewer than %d requests -> %s%n",
                r.records(),
                r.accepted(),
                r.rejected(),
                r.clients(),
                r.used(),
                r.excluded(),
                r.tooFew(),
                minRequests,
                output);
        return 0;
    }

    /** Client keys with a MEDIUM, HIGH or CRITICAL alert in a native alerts file. */
    static Set<String> alertedClients(Path alerts) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (BufferedReader in = Files.newBufferedReader(alerts, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                            alerts + ":" + lineNo + ": not JSON: " + e.getMessage());
                }
                if (!n.path("client_id").isTextual() || !n.path("severity").isTextual()) {
                    throw new IllegalArgumentException(
                            alerts
                                    + ":"
                                    + lineNo
                                    + ": not a native alert (client_id and severity expected)");
                }
                if (!n.path("severity").asText().equals("LOW")) {
                    keys.add(ClientKeys.of(n));
                }
            }
        }
        return keys;
    }
}
