package dev.exdetect.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.testing.PipelineRun;
import dev.exdetect.job.testing.TestLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on a Flink mini-cluster, fed from memory, writing files. */
class DetectorPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path dir;

    private static Set<String> clients(List<JsonNode> nodes) {
        return nodes.stream()
                .map(n -> n.path("client_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void attackersAreAlertedAndThrottledAndBenignClientsAreNot() throws Exception {
        List<RawRecord> records = TestLogs.raw(TestLogs.simulated(10, 7));
        records.add(
                new RawRecord(
                        "{\"request_id\": oops".getBytes(StandardCharsets.UTF_8), "test:bad"));

        PipelineRun r = PipelineRun.of(records, RuntimeExecutionMode.STREAMING, dir.resolve("out"));

        assertThat(clients(r.alerts())).containsExactlyInAnyOrderElementsOf(TestLogs.ATTACKERS);
        List<JsonNode> commands =
                r.throttles().stream().filter(n -> !n.path("tombstone").asBoolean()).toList();
        assertThat(clients(commands)).containsExactlyInAnyOrderElementsOf(TestLogs.ATTACKERS);
        assertThat(commands)
                .allSatisfy(
                        c ->
                                assertThat(c.path("action").asText())
                                        .isIn("DEGRADE", "THROTTLE", "BLOCK"));
        assertThat(r.rejected())
                .singleElement()
                .satisfies(
                        rej -> {
                            assertThat(rej.path("origin").asText()).isEqualTo("test:bad");
                            assertThat(rej.path("reason").asText()).startsWith("not valid JSON");
                            assertThat(rej.path("raw").asText()).isEqualTo("{\"request_id\": oops");
                        });
    }

    @Test
    void liveStreamingWithShuffledArrivalsAndBatchReplayGiveTheSameAlertsAndCommands()
            throws Exception {
        List<ObjectNode> sorted = TestLogs.simulated(10, 11);
        // Live: records arrive out of order, each at most 2 s late (the bound is 5 s).
        List<ObjectNode> shuffled = new ArrayList<>(sorted);
        Random random = new Random(3);
        for (int i = 0; i < shuffled.size(); i++) {
            int j = i + random.nextInt(Math.min(8, shuffled.size() - i));
            long gap =
                    shuffled.get(j).path("timestamp").asLong()
                            - shuffled.get(i).path("timestamp").asLong();
            if (gap < 2000) {
                java.util.Collections.swap(shuffled, i, j);
            }
        }
        PipelineRun live =
                PipelineRun.of(
                        TestLogs.raw(shuffled),
                        RuntimeExecutionMode.STREAMING,
                        dir.resolve("live"));
        PipelineRun replay =
                PipelineRun.of(
                        TestLogs.raw(sorted), RuntimeExecutionMode.BATCH, dir.resolve("replay"));

        assertThat(live.alerts()).isNotEmpty();
        assertThat(ids(live.alerts(), "alert_id")).isEqualTo(ids(replay.alerts(), "alert_id"));
        assertThat(texts(live.alerts())).isEqualTo(texts(replay.alerts()));
        assertThat(texts(live.throttles())).isEqualTo(texts(replay.throttles())).isNotEmpty();
    }

    private static Set<String> ids(List<JsonNode> nodes, String field) {
        return nodes.stream()
                .map(n -> n.path(field).asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> texts(List<JsonNode> nodes) {
        return nodes.stream()
                .map(JsonNode::toString)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
