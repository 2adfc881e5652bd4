package dev.exdetect.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.Family;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The attack-timing modes: Poisson and bursty attackers keep the scripted attacker's mean rate but
 * not its regularity; scripted attackers are left as they were. Everything is measured on the
 * generated records (or, for the pause generators alone, on many draws).
 */
class AttackTimingTest {
    /** Mean and coefficient of variation of a sample. */
    private record Stats(double mean, double cv, int n) {
        static Stats of(List<Long> xs) {
            double mean = xs.stream().mapToDouble(Long::doubleValue).average().orElseThrow();
            double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / xs.size();
            return new Stats(mean, Math.sqrt(var) / mean, xs.size());
        }
    }

    private static Simulations.Run audit(Family family, long budget, AttackTiming timing) {
        Population.Plan plan = Population.audit(7, family, budget, 7, Corpus.builtIn(), timing);
        return Simulations.run(new TrafficSimulator(7, Simulations.START, plan.clients()));
    }

    /** Per attacking client, the gaps between its consecutive requests. */
    private static Map<String, List<Long>> attackerGaps(Simulations.Run run) {
        Map<String, Long> last = new LinkedHashMap<>();
        Map<String, List<Long>> gaps = new LinkedHashMap<>();
        for (int i = 0; i < run.records().size(); i++) {
            TrafficSimulator.SimClient c = run.sim().clients().get(run.senders().get(i));
            if (!c.profile().role().equals(ClientProfile.ATTACK)) {
                continue;
            }
            long t = run.records().get(i).path("timestamp").asLong();
            Long previous = last.put(c.clientId(), t);
            if (previous != null) {
                gaps.computeIfAbsent(c.clientId(), k -> new ArrayList<>()).add(t - previous);
            }
        }
        return gaps;
    }

    private static Stats attackerStats(Family family, long budget, AttackTiming timing) {
        Map<String, List<Long>> gaps = attackerGaps(audit(family, budget, timing));
        assertThat(gaps).hasSize(1);
        return Stats.of(gaps.values().iterator().next());
    }

    @Test
    void poissonAttackersHaveACvNearOneAndTheScriptedMeanRate() {
        for (Family f : List.of(Family.DISTILLATION, Family.EQUATION_SOLVING, Family.LOGIT_SWEEP)) {
            Stats scripted = attackerStats(f, 3000, AttackTiming.SCRIPTED);
            Stats poisson = attackerStats(f, 3000, AttackTiming.POISSON);
            assertThat(scripted.n()).isEqualTo(poisson.n()).isEqualTo(2999);
            // A sample of 3,000 exponential gaps: the CV's standard error is about 0.02.
            assertThat(poisson.cv()).as(f.id()).isCloseTo(1.0, within(0.1));
            // ... and the mean's about 2%.
            assertThat(poisson.mean() / scripted.mean()).as(f.id()).isCloseTo(1.0, within(0.08));
        }
    }

    @Test
    void burstyAttackersHaveACvWellAboveOneAndTheScriptedMeanRate() {
        for (Family f : List.of(Family.DISTILLATION, Family.EQUATION_SOLVING, Family.LOGIT_SWEEP)) {
            Stats scripted = attackerStats(f, 3000, AttackTiming.SCRIPTED);
            Stats bursty = attackerStats(f, 3000, AttackTiming.BURSTY);
            assertThat(bursty.n()).isEqualTo(2999);
            assertThat(bursty.cv()).as(f.id()).isGreaterThan(2.0);
            // The mean of so skewed a sample varies more: standard error about 7%.
            assertThat(bursty.mean() / scripted.mean()).as(f.id()).isCloseTo(1.0, within(0.2));
        }
    }

    @Test
    void scriptedAttackersStayOnTheirTimer() {
        // Today's behaviour: pauses jittered uniformly around the mean (spread 0.2 to 0.5).
        for (Family f :
                List.of(
                        Family.DISTILLATION,
                        Family.FUNCTIONALITY_STEALING,
                        Family.EQUATION_SOLVING,
                        Family.LOGIT_SWEEP,
                        Family.SELF_INSTRUCT)) {
            assertThat(attackerStats(f, 1000, AttackTiming.SCRIPTED).cv())
                    .as(f.id())
                    .isLessThan(0.35);
        }
        // The default is scripted: the same records as before the option existed.
        assertThat(bytes(Population.audit(7, Family.DISTILLATION, 500, 7, Corpus.builtIn())))
                .isEqualTo(
                        bytes(
                                Population.audit(
                                        7,
                                        Family.DISTILLATION,
                                        500,
                                        7,
                                        Corpus.builtIn(),
                                        AttackTiming.SCRIPTED)));
    }

    @Test
    void everyAttackClientOfTheBenchmarkFollowsTheMode() {
        // Jacobian augmentation pauses between rounds whatever the mode, and mixing attackers send
        // with Poisson arrivals already when scripted; the other families change.
        for (AttackTiming timing : AttackTiming.values()) {
            Population.Plan plan = Population.benchmark(5, 0.25, Corpus.builtIn(), timing);
            Simulations.Run run =
                    Simulations.run(new TrafficSimulator(5, Simulations.START, plan.clients()));
            Map<String, List<Long>> gaps = attackerGaps(run);
            Map<String, String> familyOf = new LinkedHashMap<>();
            plan.clients().forEach(c -> familyOf.put(c.clientId(), c.profile().family()));
            Map<String, List<Long>> pooled = new LinkedHashMap<>();
            gaps.forEach(
                    (client, g) ->
                            pooled.computeIfAbsent(familyOf.get(client), k -> new ArrayList<>())
                                    .addAll(g));
            pooled.forEach(
                    (family, g) -> {
                        if (family.equals(Family.JACOBIAN_AUGMENTATION.id())
                                || family.startsWith("mixed-")) {
                            return;
                        }
                        double cv = perClientMedianCv(gaps, familyOf, family);
                        switch (timing) {
                            case SCRIPTED -> assertThat(cv).as(family).isLessThan(0.35);
                            case POISSON -> assertThat(cv).as(family).isCloseTo(1.0, within(0.2));
                            case BURSTY -> assertThat(cv).as(family).isGreaterThan(1.8);
                        }
                    });
        }
    }

    private static double perClientMedianCv(
            Map<String, List<Long>> gaps, Map<String, String> familyOf, String family) {
        double[] cvs =
                gaps.entrySet().stream()
                        .filter(e -> familyOf.get(e.getKey()).equals(family))
                        .filter(e -> e.getValue().size() >= 50)
                        .mapToDouble(e -> Stats.of(e.getValue()).cv())
                        .sorted()
                        .toArray();
        assertThat(cvs).as(family).isNotEmpty();
        return cvs[cvs.length / 2];
    }

    @Test
    void theSameSeedGivesTheSameRecordsInEveryMode() {
        for (AttackTiming timing : List.of(AttackTiming.POISSON, AttackTiming.BURSTY)) {
            byte[] a =
                    bytes(Population.audit(3, Family.KNOCKOFF, 400, 5, Corpus.builtIn(), timing));
            assertThat(
                            bytes(
                                    Population.audit(
                                            3, Family.KNOCKOFF, 400, 5, Corpus.builtIn(), timing)))
                    .as(timing.id())
                    .isEqualTo(a);
            assertThat(
                            bytes(
                                    Population.audit(
                                            3,
                                            Family.KNOCKOFF,
                                            400,
                                            5,
                                            Corpus.builtIn(),
                                            AttackTiming.SCRIPTED)))
                    .as(timing.id())
                    .isNotEqualTo(a);
        }
    }

    @Test
    void benignTrafficIsTheSameInEveryMode() {
        List<String> benign = null;
        for (AttackTiming timing : AttackTiming.values()) {
            Population.Plan plan =
                    Population.audit(9, Family.DISTILLATION, 300, 10, Corpus.builtIn(), timing);
            Simulations.Run run =
                    Simulations.run(new TrafficSimulator(9, Simulations.START, plan.clients()));
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < run.records().size(); i++) {
                if (run.sim()
                        .clients()
                        .get(run.senders().get(i))
                        .profile()
                        .role()
                        .equals("benign")) {
                    mine.add(run.records().get(i).toString());
                }
            }
            if (benign == null) {
                benign = mine;
            } else {
                assertThat(mine).as(timing.id()).isEqualTo(benign);
            }
        }
    }

    @Test
    void thePauseGeneratorsKeepTheMeanAndSetTheSpread() {
        double mean = 1_000;
        for (AttackTiming timing : List.of(AttackTiming.POISSON, AttackTiming.BURSTY)) {
            AttackTiming.Pauses pauses = timing.pauses();
            Random random = new Random(1);
            List<Long> xs = new ArrayList<>();
            for (int i = 0; i < 400_000; i++) {
                xs.add(pauses.next(random, mean));
            }
            Stats s = Stats.of(xs);
            assertThat(s.mean()).as(timing.id()).isCloseTo(mean, within(0.02 * mean));
            // Poisson: CV 1; bursts of 4-12 with gaps a tenth of the mean: CV about 3.7.
            assertThat(s.cv())
                    .as(timing.id())
                    .isCloseTo(timing == AttackTiming.POISSON ? 1.0 : 3.7, within(0.1));
        }
    }

    @Test
    void modesAreNamedOnTheCommandLineAndUnknownOnesRefused() {
        assertThat(AttackTiming.byId("bursty")).isEqualTo(AttackTiming.BURSTY);
        assertThatThrownBy(() -> AttackTiming.byId("jittery"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'jittery'")
                .hasMessageContaining("scripted, poisson, bursty");
    }

    private static byte[] bytes(Population.Plan plan) {
        TrafficSimulator sim = new TrafficSimulator(3, Simulations.START, plan.clients());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (sim.hasNext()) {
            ObjectNode r = sim.next();
            out.writeBytes(r.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
