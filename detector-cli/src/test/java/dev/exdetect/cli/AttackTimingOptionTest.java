package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.GroundTruth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --attack-timing} on the commands that simulate attackers. */
class AttackTimingOptionTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void anUnknownModeIsBadUsageOnEveryCommand() {
        for (String command : List.of("benchmark", "audit", "simulate")) {
            List<String> args = new ArrayList<>(List.of(command, "--attack-timing", "jittery"));
            if (!command.equals("benchmark")) {
                args.addAll(List.of("--attack", "distillation"));
            }
            if (command.equals("simulate")) {
                args.addAll(List.of("--output", dir.resolve("x.jsonl").toString()));
            }
            assertThat(cli(args.toArray(String[]::new))).as(command).isEqualTo(2);
            assertThat(err.toString())
                    .as(command)
                    .contains("--attack-timing", "unknown attack timing 'jittery'")
                    .contains("scripted, poisson, bursty");
            err.getBuffer().setLength(0);
        }
        assertThat(dir.resolve("x.jsonl")).doesNotExist();
    }

    @Test
    void theDemoPopulationRefusesAnotherTiming() {
        assertThat(
                        cli(
                                "simulate",
                                "--output",
                                dir.resolve("demo.jsonl").toString(),
                                "--attack-timing",
                                "poisson"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--attack-timing applies to");
    }

    @Test
    void helpNamesTheModes() {
        for (String command : List.of("benchmark", "audit", "simulate")) {
            out.getBuffer().setLength(0);
            assertThat(cli(command, "--help")).isZero();
            assertThat(out.toString())
                    .as(command)
                    .contains("--attack-timing=scripted|poisson|bursty");
        }
    }

    @Test
    void simulateWritesABurstyAttacker() throws Exception {
        Path log = dir.resolve("bursty.jsonl");
        assertThat(
                        cli(
                                "simulate",
                                "--output",
                                log.toString(),
                                "--attack",
                                "distillation",
                                "--budget",
                                "600",
                                "--background",
                                "2",
                                "--attack-timing",
                                "bursty"))
                .as(err.toString())
                .isZero();
        List<ObjectNode> truth = GroundTruth.read(dir.resolve("bursty.ground-truth.json"));
        String attacker =
                truth.stream()
                        .filter(t -> t.path("role").asText().equals("attack"))
                        .findFirst()
                        .orElseThrow()
                        .path("client_id")
                        .asText();
        List<Long> times =
                TestLogs.read(log).stream()
                        .filter(r -> r.path("client_id").asText().equals(attacker))
                        .map(r -> r.path("timestamp").asLong())
                        .toList();
        assertThat(times).hasSize(600);
        double[] gaps = new double[times.size() - 1];
        for (int i = 1; i < times.size(); i++) {
            gaps[i - 1] = times.get(i) - times.get(i - 1);
        }
        double mean = Arrays.stream(gaps).average().orElseThrow();
        double var = Arrays.stream(gaps).map(g -> (g - mean) * (g - mean)).sum() / gaps.length;
        assertThat(Math.sqrt(var) / mean).isGreaterThan(1.5);
    }
}
