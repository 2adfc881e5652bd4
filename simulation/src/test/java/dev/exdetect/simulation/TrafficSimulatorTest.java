package dev.exdetect.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {
    private static byte[] bytes(long seed, int records) {
        Population.Plan plan = Population.benchmark(seed, 0.03, Corpus.builtIn());
        TrafficSimulator sim = new TrafficSimulator(seed, Simulations.START, plan.clients());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < records && sim.hasNext(); i++) {
            out.writeBytes(sim.next().toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() {
        byte[] a = bytes(11, 20_000);
        assertThat(bytes(11, 20_000)).isEqualTo(a);
        assertThat(bytes(12, 20_000)).isNotEqualTo(a);
        assertThat(new String(a, StandardCharsets.UTF_8).lines().count()).isEqualTo(20_000);
    }

    @Test
    void recordsComeInEventTimeOrderWithUniqueIds() {
        Simulations.Run run = Simulations.attack(Family.DISTILLATION, 300);
        long previous = Long.MIN_VALUE;
        Set<String> ids = new HashSet<>();
        for (ObjectNode r : run.records()) {
            assertThat(r.path("timestamp").asLong()).isGreaterThanOrEqualTo(previous);
            previous = r.path("timestamp").asLong();
            assertThat(ids.add(r.path("request_id").asText())).isTrue();
        }
    }

    @Test
    void theDemoKeepsItsTwoAttackersAndNeverEnds() {
        TrafficSimulator sim = TrafficSimulator.demo(42, Simulations.START, 3);
        assertThat(sim.clients())
                .extracting(c -> c.clientId() + ":" + c.profile().family())
                .contains("harvester-1:distillation", "prober-1:parameter-probing");
        for (int i = 0; i < 5_000; i++) {
            sim.next();
        }
        assertThat(sim.hasNext()).isTrue();
    }

    @Test
    void everyAttackFamilySpendsExactlyItsBudgetAndTheGroundTruthSaysSo() {
        for (Family f : Family.attacks()) {
            long budget = f == Family.SYBIL ? 200 : 60;
            Simulations.Run run = Simulations.attack(f, budget);
            List<ObjectNode> truth = GroundTruth.records(run.sim());
            long spent = 0;
            for (ObjectNode t : truth) {
                if (t.path("role").asText().equals("attack")) {
                    assertThat(t.path("family").asText()).isEqualTo(f.id());
                    assertThat(t.path("attack_queries").asLong())
                            .as(f.id())
                            .isEqualTo(t.path("budget").asLong());
                    spent += t.path("attack_queries").asLong();
                } else {
                    assertThat(t.path("budget").isNull()).isTrue();
                    assertThat(t.path("attack_queries").asLong()).isZero();
                }
            }
            assertThat(spent).as(f.id()).isEqualTo(budget);
            assertThat(run.of(f)).as(f.id()).hasSizeGreaterThanOrEqualTo((int) budget);
        }
    }
}
