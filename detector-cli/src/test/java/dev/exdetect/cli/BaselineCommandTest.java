package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.features.Feature;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.testing.TestLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineCommandTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    private int fit(Path log, Path alerts, Path out) {
        return cli(
                "baseline",
                "--input",
                log.toString(),
                "--exclude-alerted",
                alerts.toString(),
                "--min-requests",
                "1",
                "--output",
                out.toString());
    }

    private static String alert(JsonNode request, String severity) {
        return "{\"client_id\":\""
                + request.path("client_id").asText()
                + "\",\"tenant\":\""
                + request.path("tenant").asText()
                + "\",\"severity\":\""
                + severity
                + "\"}\n";
    }

    @Test
    void fitsFromEveryClientButTheAlertedOnesAndCountsReconcile() throws Exception {
        Path log = dir.resolve("day.jsonl");
        assertThat(cli("simulate", "--output", log.toString(), "--duration", "5m")).isZero();
        List<JsonNode> records = TestLogs.read(log);
        Files.writeString(log, "{not json\n", StandardOpenOption.APPEND);
        Map<String, Integer> requestsByClient = new TreeMap<>();
        JsonNode harvester = null;
        JsonNode user = null;
        for (JsonNode r : records) {
            String key = ClientKeys.of(r.path("tenant").asText(), r.path("client_id").asText());
            requestsByClient.merge(key, 1, Integer::sum);
            harvester = r.path("client_id").asText().equals("harvester-1") ? r : harvester;
            user = r.path("client_id").asText().equals("user-000") ? r : user;
        }
        Path alerts = dir.resolve("alerts.jsonl");
        // A LOW alert does not make a client abnormal; a HIGH one does.
        Files.writeString(alerts, alert(harvester, "HIGH") + alert(user, "LOW"));
        Path out = dir.resolve("baseline.json");

        assertThat(fit(log, alerts, out)).isZero();

        int clients = requestsByClient.size();
        assertThat(err.toString())
                .contains(
                        String.format(
                                "%d records read, %d accepted, 1 rejected; %d clients: %d used, 1 excluded as alerted, 0 with fewer",
                                records.size() + 1, records.size(), clients, clients - 1));
        PopulationBaseline b =
                PopulationBaseline.fromJson(Files.readString(out, StandardCharsets.UTF_8));
        assertThat(b.samples(Feature.REQUESTS_TOTAL)).isEqualTo(clients - 1);
        requestsByClient.remove(ClientKeys.of(harvester.path("tenant").asText(), "harvester-1"));
        double[] q = b.quantiles(Feature.REQUESTS_TOTAL);
        assertThat(q[q.length - 1])
                .as("the largest request count among the clients kept")
                .isEqualTo(requestsByClient.values().stream().mapToInt(i -> i).max().orElseThrow());

        // The same logs give the same file.
        Path again = dir.resolve("again.json");
        assertThat(fit(log, alerts, again)).isZero();
        assertThat(Files.readString(again)).isEqualTo(Files.readString(out));
    }

    @Test
    void anAlertsFileThatIsNotAlertsIsRefusedWithTheLine() throws Exception {
        Path log = dir.resolve("day.jsonl");
        assertThat(cli("simulate", "--output", log.toString(), "--duration", "1m")).isZero();
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(alerts, "{\"client_id\":\"a\",\"severity\":\"HIGH\"}\n{\"x\":1}\n");
        int code =
                cli(
                        "baseline",
                        "--input",
                        log.toString(),
                        "--exclude-alerted",
                        alerts.toString(),
                        "--output",
                        dir.resolve("b.json").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("alerts.jsonl:2: not a native alert");
        assertThat(dir.resolve("b.json")).doesNotExist();
    }

    @Test
    void aMissingFileIsOneLineOfErrorNotAStackTrace() throws Exception {
        Path log = dir.resolve("day.jsonl");
        assertThat(cli("simulate", "--output", log.toString(), "--duration", "1m")).isZero();
        Path missing = dir.resolve("nowhere.jsonl");
        int code = fit(log, missing, dir.resolve("deep/er/b.json"));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .endsWith("error: " + missing + ": no such file or folder")
                .doesNotContain("Exception");
        // With the alerts file present, the output's folders are created.
        Files.writeString(missing, "");
        assertThat(fit(log, missing, dir.resolve("deep/er/b.json"))).isZero();
        assertThat(dir.resolve("deep/er/b.json")).exists();
    }

    @Test
    void replayRefusesABaselineFileThatIsNotOneWithTheReason() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\":\"something-else\"}");
        int code =
                cli(
                        "replay",
                        "--input",
                        dir.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--population-baseline",
                        bad.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString())
                .contains("bad.json: population baseline: schema must be")
                .contains("--population-baseline");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
