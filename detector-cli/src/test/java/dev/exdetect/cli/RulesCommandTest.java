package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.job.testing.TestLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules validate} and {@code rules test} from the command line. */
class RulesCommandTest {
    private static final Path DEFAULT_RULES =
            Path.of("..", "samples", "rules", "default-rules.yaml");

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void validateAcceptsTheDefaultRulesAndRefusesABadFileWithItsLine() throws Exception {
        assertThat(cli("rules", "validate", DEFAULT_RULES.toString())).isZero();
        assertThat(out.toString()).contains("OK").contains("parameter-sweep v1");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                """
                rules:
                  - id: a
                    version: 1
                    description: contradictory
                    when: requests_total > 500 and requests_total < 100
                    score: 0.5
                """);
        assertThat(cli("rules", "validate", DEFAULT_RULES.toString(), bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains(bad + ":5:").contains("can never hold");
    }

    @Test
    void testReportsWhichRulesFireOnWhichClients() throws Exception {
        Path log = dir.resolve("log.jsonl");
        TestLogs.write(log, TestLogs.simulated(4, 9));
        assertThat(cli("rules", "test", DEFAULT_RULES.toString(), "--input", log.toString()))
                .as(err.toString())
                .isZero();
        String report = out.toString();
        assertThat(report).containsPattern("parameter-sweep\\s+1\\s+contoso:prober-1 at ");
        assertThat(report)
                .containsPattern("scripted-diverse-prompts\\s+1\\s+contoso:harvester-1 at ");
        assertThat(report)
                .containsPattern("contoso:prober-1\\s+CRITICAL\\s+\\S*THROTTLE\\s+parameter-sweep");
        assertThat(report).doesNotContain("user-");
    }
}
