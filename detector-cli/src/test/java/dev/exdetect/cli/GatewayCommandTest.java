package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.testing.GatewayClient;
import dev.exdetect.job.testing.TestLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-server} and {@code gateway} from the command line, as a user runs them. */
class GatewayCommandTest {
    @TempDir Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopics(
                Map.of("throttle-commands", 1, "api-requests", 1), List.of("throttle-commands"));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static CompletableFuture<Integer> run(
            StringWriter out, StringWriter err, String... args) {
        // A thread each, named after the command (easier to read in a thread dump).
        return CompletableFuture.supplyAsync(
                () ->
                        DetectorCli.execute(
                                new PrintWriter(out, true), new PrintWriter(err, true), args),
                task -> new Thread(task, "cli-" + args[0]).start());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theGatewayCommandServesThroughTheStandInModelAndLogsTheRequest() throws Exception {
        int modelPort = freePort();
        int gatewayPort = freePort();
        StringWriter modelOut = new StringWriter();
        StringWriter gatewayOut = new StringWriter();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> model =
                run(
                        modelOut,
                        err,
                        "model-server",
                        "--listen",
                        "127.0.0.1:" + modelPort,
                        "--duration",
                        "8s");
        CompletableFuture<Integer> gateway =
                run(
                        gatewayOut,
                        err,
                        "gateway",
                        "--upstream",
                        "http://127.0.0.1:" + modelPort,
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--listen",
                        "127.0.0.1:" + gatewayPort,
                        "--log-file",
                        dir.resolve("requests.jsonl").toString(),
                        "--no-log-topic",
                        "--duration",
                        "6s");
        GatewayClient http = new GatewayClient(URI.create("http://127.0.0.1:" + gatewayPort));
        GatewayClient.Answer answer = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (answer == null && System.nanoTime() < deadline) {
            try {
                answer = http.classify("cli-user", "acme", "hello");
            } catch (java.net.ConnectException notYet) {
                Thread.sleep(100);
            }
        }
        assertThat(answer).as(err.toString()).isNotNull();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("probabilities")).hasSize(3);

        assertThat(gateway.get(60, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(gatewayOut.toString())
                .contains("listening on http://127.0.0.1:" + gatewayPort)
                .contains("stopping. 1 requests: 1 served");
        List<JsonNode> logged = TestLogs.read(dir.resolve("requests.jsonl"));
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0).path("client_id").asText()).isEqualTo("cli-user");
        assertThat(logged.get(0).path("output").path("label").asText()).isNotEmpty();
        assertThat(modelOut.toString()).contains("stand-in model API at");
        assertThat(model.get(60, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void badSettingsAreRefusedWithAReason() throws Exception {
        StringWriter err = new StringWriter();
        assertThat(
                        run(
                                        new StringWriter(),
                                        err,
                                        "gateway",
                                        "--upstream",
                                        "ftp://x",
                                        "--bootstrap-servers",
                                        "127.0.0.1:1")
                                .get(30, TimeUnit.SECONDS))
                .isEqualTo(2);
        assertThat(err.toString()).contains("upstream must be an http or https URL");

        StringWriter err2 = new StringWriter();
        assertThat(
                        run(
                                        new StringWriter(),
                                        err2,
                                        "gateway",
                                        "--upstream",
                                        "http://127.0.0.1:1",
                                        "--bootstrap-servers",
                                        kafka.bootstrapServers(),
                                        "--throttle-topic",
                                        "no-such-topic",
                                        "--listen",
                                        "127.0.0.1:0")
                                .get(60, TimeUnit.SECONDS))
                .isEqualTo(1);
        assertThat(err2.toString()).contains("throttle topic 'no-such-topic' does not exist");
    }
}
