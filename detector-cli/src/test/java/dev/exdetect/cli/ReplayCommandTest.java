package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.testing.TestLogs;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} from the command line, on files, as a user runs it. */
class ReplayCommandTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void replaysAFolderOfPlainAndGzipLogsAndReconcilesItsCounts() throws Exception {
        List<ObjectNode> records = TestLogs.simulated(8, 21);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        int half = records.size() / 2;
        try (OutputStream gz =
                new GZIPOutputStream(Files.newOutputStream(logs.resolve("a.jsonl.gz")))) {
            for (ObjectNode r : records.subList(0, half)) {
                gz.write(Json.bytes(r));
                gz.write('\n');
            }
        }
        TestLogs.write(logs.resolve("b.jsonl"), records.subList(half, records.size()));
        Files.writeString(
                logs.resolve("b.jsonl"),
                "\n{\"request_id\":\"r\",\"client_id\":\"c\",\"input\":{\"text\":\"t\"}}\nnot json at all\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(logs.resolve("notes.txt"), "not a log: ignored");

        Path out = dir.resolve("out");
        assertThat(cli("replay", "--input", logs.toString(), "--output", out.toString()))
                .as(err.toString())
                .isZero();

        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("records_read").asLong()).isEqualTo(records.size() + 2);
        assertThat(summary.path("records_accepted").asLong()).isEqualTo(records.size());
        assertThat(summary.path("records_rejected").asLong()).isEqualTo(2);
        assertThat(summary.path("reconciled").asBoolean()).isTrue();
        assertThat(summary.path("clients").asLong()).isEqualTo(8);

        List<JsonNode> rejected = TestLogs.read(out.resolve("rejected.jsonl"));
        int bLines = records.size() - half;
        assertThat(rejected)
                .extracting(n -> n.path("origin").asText())
                .containsExactly(
                        logs.resolve("b.jsonl").toAbsolutePath().toUri().getPath()
                                + ":"
                                + (bLines + 2),
                        logs.resolve("b.jsonl").toAbsolutePath().toUri().getPath()
                                + ":"
                                + (bLines + 3))
                .allSatisfy(o -> assertThat(o).isNotEmpty());
        assertThat(rejected.get(0).path("field").asText()).isEqualTo("timestamp");
        assertThat(rejected.get(0).path("reason").asText()).contains("required field is missing");
        assertThat(rejected.get(1).path("raw").asText()).isEqualTo("not json at all");

        List<JsonNode> alerts = TestLogs.read(out.resolve("alerts.jsonl"));
        assertThat(alerts)
                .extracting(a -> a.path("client_id").asText())
                .containsOnlyElementsOf(TestLogs.ATTACKERS);
        assertThat(summary.path("alerts").asLong()).isEqualTo(alerts.size());
        assertThat(TestLogs.read(out.resolve("throttles.jsonl")))
                .hasSize((int) summary.path("throttle_commands").asLong());
        assertThat(err.toString()).contains("replay: done");

        // A second replay of the same input writes byte-identical results.
        Path again = dir.resolve("again");
        assertThat(cli("replay", "--input", logs.toString(), "--output", again.toString()))
                .isZero();
        for (String f :
                List.of("alerts.jsonl", "throttles.jsonl", "rejected.jsonl", "summary.json")) {
            assertThat(Files.readString(again.resolve(f)))
                    .as(f)
                    .isEqualTo(Files.readString(out.resolve(f)));
        }
    }

    @Test
    void aTimeRangeSkipsRecordsOutsideItAndStillReconciles() throws Exception {
        List<ObjectNode> records = TestLogs.simulated(4, 2);
        Path log = dir.resolve("log.jsonl");
        TestLogs.write(log, records);
        long from = TestLogs.START + 60_000;
        long to = TestLogs.START + 120_000;
        long inRange =
                records.stream()
                        .filter(
                                r ->
                                        r.path("timestamp").asLong() >= from
                                                && r.path("timestamp").asLong() < to)
                        .count();

        Path out = dir.resolve("out");
        assertThat(
                        cli(
                                "replay",
                                "--input",
                                log.toString(),
                                "--output",
                                out.toString(),
                                "--from",
                                java.time.Instant.ofEpochMilli(from).toString(),
                                "--to",
                                Long.toString(to)))
                .isZero();
        JsonNode summary = Json.MAPPER.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.path("records_accepted").asLong()).isEqualTo(inRange);
        assertThat(summary.path("records_skipped").asLong()).isEqualTo(records.size() - inRange);
        assertThat(summary.path("reconciled").asBoolean()).isTrue();
    }

    @Test
    void aBadRuleFileIsRefusedWithItsLineAndReason() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(
                rules,
                """
                rules:
                  - id: typo
                    version: 1
                    description: misspelt feature
                    when: near_duplicate_ration >= 0.5
                    score: 0.5
                """);
        Path log = dir.resolve("log.jsonl");
        TestLogs.write(log, TestLogs.simulated(1, 1));
        int code =
                cli(
                        "replay",
                        "--input",
                        log.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--rules",
                        rules.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains(rules + ":5:")
                .contains("unknown feature 'near_duplicate_ration'")
                .contains("did you mean 'near_duplicate_ratio'");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingInputIsAClearError() {
        assertThat(
                        cli(
                                "replay",
                                "--input",
                                dir.resolve("nope").toString(),
                                "--output",
                                dir.resolve("out").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("does not exist");
    }
}
