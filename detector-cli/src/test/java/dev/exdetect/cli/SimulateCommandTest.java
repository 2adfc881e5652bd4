package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.testing.KafkaTestSupport;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.GroundTruth;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir Path dir;

    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    @Test
    void writesTheDemoToAFileWithItsGroundTruthNextToIt() throws Exception {
        Path log = dir.resolve("logs/demo.jsonl");
        assertThat(cli("simulate", "--output", log.toString(), "--duration", "2m")).isZero();
        List<JsonNode> records = TestLogs.read(log);
        List<ObjectNode> truth = GroundTruth.read(dir.resolve("logs/demo.ground-truth.json"));
        assertThat(truth)
                .extracting(t -> t.path("client_id").asText() + ":" + t.path("role").asText())
                .contains("harvester-1:attack", "prober-1:attack", "user-000:benign");
        assertThat(truth.stream().mapToLong(t -> t.path("requests").asLong()).sum())
                .isEqualTo(records.size());
    }

    @Test
    void sendsAnAuditPopulationToAKafkaTopicKeyedByClientAtEventTime() throws Exception {
        Path truthFile = dir.resolve("truth.json");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of("sim", 1), List.of());
            assertThat(
                            cli(
                                    "simulate",
                                    "--output",
                                    "kafka:sim",
                                    "--bootstrap-servers",
                                    kafka.bootstrapServers(),
                                    "--attack",
                                    "knockoff",
                                    "--budget",
                                    "80",
                                    "--background",
                                    "3",
                                    "--ground-truth",
                                    truthFile.toString()))
                    .as(err.toString())
                    .isZero();
            List<ObjectNode> truth = GroundTruth.read(truthFile);
            long expected = truth.stream().mapToLong(t -> t.path("requests").asLong()).sum();
            List<ConsumerRecord<String, byte[]>> read =
                    KafkaTestSupport.readUntil(
                            kafka.bootstrapServers(),
                            "sim",
                            Duration.ofSeconds(30),
                            r -> r.size() >= expected);
            assertThat(read).hasSize((int) expected);
            for (ConsumerRecord<String, byte[]> rec : read) {
                JsonNode r = TestLogs.json(rec.value());
                assertThat(rec.key()).isEqualTo(r.path("client_id").asText());
                assertThat(rec.timestamp()).isEqualTo(r.path("timestamp").asLong());
            }
            assertThat(truth)
                    .filteredOn(t -> t.path("role").asText().equals("attack"))
                    .singleElement()
                    .satisfies(
                            t -> {
                                assertThat(t.path("family").asText()).isEqualTo("knockoff");
                                assertThat(t.path("attack_queries").asLong()).isEqualTo(80);
                            });
        }
        assertThat(Files.exists(truthFile)).isTrue();
    }
}
