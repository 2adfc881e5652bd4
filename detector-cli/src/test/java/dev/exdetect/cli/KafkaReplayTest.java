package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.testing.KafkaTestSupport;
import dev.exdetect.job.testing.TestLogs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay --input kafka:TOPIC}: forensics straight from the requests topic. */
class KafkaReplayTest {
    @TempDir Path dir;

    @Test
    void replayingATopicGivesTheSameResultsAsReplayingTheSameRecordsFromAFile() throws Exception {
        List<ObjectNode> records = TestLogs.simulated(5, 17);
        Path log = dir.resolve("log.jsonl");
        TestLogs.write(log, records);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Map.of("history", 3), List.of());
            KafkaTestSupport.produceRequests(kafka.bootstrapServers(), "history", records);

            StringWriter err = new StringWriter();
            int fromKafka =
                    DetectorCli.execute(
                            new PrintWriter(new StringWriter()),
                            new PrintWriter(err, true),
                            "replay",
                            "--input",
                            "kafka:history",
                            "--bootstrap-servers",
                            kafka.bootstrapServers(),
                            "--output",
                            dir.resolve("kafka").toString());
            assertThat(fromKafka).as(err.toString()).isZero();
        }
        int fromFile =
                DetectorCli.execute(
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()),
                        "replay",
                        "--input",
                        log.toString(),
                        "--output",
                        dir.resolve("file").toString());
        assertThat(fromFile).isZero();

        for (String f : List.of("alerts.jsonl", "throttles.jsonl")) {
            assertThat(Files.readString(dir.resolve("kafka").resolve(f)))
                    .as(f)
                    .isNotEmpty()
                    .isEqualTo(Files.readString(dir.resolve("file").resolve(f)));
        }
        assertThat(
                        TestLogs.json(
                                        Files.readAllBytes(
                                                dir.resolve("kafka").resolve("summary.json")))
                                .path("records_read")
                                .asLong())
                .isEqualTo(records.size());
    }
}
