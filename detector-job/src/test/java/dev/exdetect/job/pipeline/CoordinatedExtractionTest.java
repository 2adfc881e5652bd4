package dev.exdetect.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.testing.CoordinatedTraffic;
import dev.exdetect.job.testing.PipelineRun;
import dev.exdetect.job.testing.TestLogs;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-client linkage on the whole pipeline: a Sybil campaign whose accounts each stay under the
 * per-client limits is flagged member by member, while colleagues behind one NAT, free users with
 * popular parameters and questions, and apps sharing one template are not linked.
 */
class CoordinatedExtractionTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path dir;

    private static List<JsonNode> alerts;
    private static List<JsonNode> commands;

    @BeforeAll
    static void replay() throws Exception {
        List<ObjectNode> traffic = CoordinatedTraffic.threeHours(3);
        PipelineRun run =
                PipelineRun.of(
                        TestLogs.raw(traffic), RuntimeExecutionMode.BATCH, dir.resolve("out"));
        alerts = run.alerts();
        commands = run.throttles();
    }

    private static Set<String> clients(List<JsonNode> nodes) {
        return nodes.stream()
                .map(n -> n.path("client_id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everySybilAccountIsFlaggedAsCoordinatedAndThrottled() {
        List<JsonNode> coordinated =
                alerts.stream()
                        .filter(a -> a.path("attack_type").asText().equals("COORDINATED"))
                        .toList();
        Set<String> flagged = clients(coordinated);
        assertThat(flagged)
                .hasSize(CoordinatedTraffic.SYBILS)
                .allMatch(CoordinatedTraffic::isSybil);
        List<JsonNode> byRule =
                commands.stream()
                        .filter(c -> c.path("reason").path("cause").asText().equals("rule"))
                        .toList();
        assertThat(clients(byRule)).isEqualTo(flagged);
        assertThat(byRule)
                .allSatisfy(
                        c -> {
                            assertThat(c.path("action").asText()).isEqualTo("THROTTLE");
                            assertThat(c.path("reason").path("rule_ids").toString())
                                    .contains("coordinated-campaign");
                        });
    }

    @Test
    void aCoordinatedAlertNamesTheMembersAndTheLinksThatTieThem() {
        JsonNode a =
                alerts.stream()
                        .filter(x -> x.path("attack_type").asText().equals("COORDINATED"))
                        .findFirst()
                        .orElseThrow();
        JsonNode cluster = a.path("evidence").path("cluster");
        assertThat(cluster.path("member_count").asInt()).isBetween(5, CoordinatedTraffic.SYBILS);
        assertThat(a.path("evidence").path("related_clients"))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(CoordinatedTraffic.isSybil(m.asText())).isTrue());
        JsonNode link = cluster.path("links").get(0);
        assertThat(link.path("strength").asDouble()).isPositive();
        assertThat(link.path("signals").asText()).contains("subnet");
        assertThat(a.path("features").path("cluster_size").asDouble()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void innocentSharingLinksNobody() {
        Set<String> innocent =
                clients(alerts).stream()
                        .filter(c -> !CoordinatedTraffic.isSybil(c))
                        .collect(Collectors.toSet());
        List<JsonNode> innocentCoordinated =
                alerts.stream()
                        .filter(a -> innocent.contains(a.path("client_id").asText()))
                        .filter(a -> !a.path("evidence").path("cluster").isMissingNode())
                        .toList();
        assertThat(innocentCoordinated).isEmpty();
    }
}
