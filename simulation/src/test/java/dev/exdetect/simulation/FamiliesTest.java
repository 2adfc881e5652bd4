package dev.exdetect.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each family produces what it claims. */
class FamiliesTest {
    private static final VectorTask TASK = Corpus.builtIn().vectors();

    private static double[] features(JsonNode r) {
        JsonNode f = r.path("input").path("features");
        double[] x = new double[f.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = f.get(j).asDouble();
        }
        return x;
    }

    @Test
    void equationSolvingSamplesTheBoxUniformlyAndAsksForProbabilities() {
        List<ObjectNode> rows =
                Simulations.attack(Family.EQUATION_SOLVING, 2000).of(Family.EQUATION_SOLVING);
        assertThat(rows).hasSize(2000);
        int d = TASK.features();
        double[] lowerHalf = new double[d];
        for (ObjectNode r : rows) {
            assertThat(r.path("params").path("return").asText()).isEqualTo("probabilities");
            JsonNode p = r.path("output").path("probabilities");
            assertThat(p.size()).isEqualTo(TASK.classes());
            double sum = 0;
            for (JsonNode v : p) {
                sum += v.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-4));
            double[] x = features(r);
            for (int j = 0; j < d; j++) {
                assertThat(x[j]).isBetween(TASK.min(j), TASK.max(j));
                if (x[j] < (TASK.min(j) + TASK.max(j)) / 2) {
                    lowerHalf[j]++;
                }
            }
        }
        // Uniform: half of the values below the middle of each feature's range (binomial, n =
        // 2000: 0.05 is more than four standard deviations).
        for (int j = 0; j < d; j++) {
            assertThat(lowerHalf[j] / rows.size()).isCloseTo(0.5, within(0.05));
        }
    }

    @Test
    void jacobianAugmentationStepsFromEarlierRowsAndAsksForLabelsOnly() {
        List<ObjectNode> rows =
                Simulations.attack(Family.JACOBIAN_AUGMENTATION, 400)
                        .of(Family.JACOBIAN_AUGMENTATION);
        List<double[]> seen = new ArrayList<>();
        int stepped = 0;
        for (ObjectNode r : rows) {
            assertThat(r.path("params").path("return").asText()).isEqualTo("label");
            assertThat(r.path("output").has("probabilities")).isFalse();
            double[] x = features(r);
            for (double[] earlier : seen) {
                if (isStep(earlier, x)) {
                    stepped++;
                    break;
                }
            }
            seen.add(x);
        }
        // All but the 10-30 seed rows are one step (0.1 of each feature's range, or clipped at
        // the box) from an earlier row.
        assertThat(stepped).isBetween(rows.size() - 30, rows.size() - 10);
    }

    private static boolean isStep(double[] from, double[] to) {
        for (int j = 0; j < from.length; j++) {
            double step = 0.1 * (TASK.max(j) - TASK.min(j));
            double delta = Math.abs(to[j] - from[j]);
            boolean clipped = to[j] == TASK.min(j) || to[j] == TASK.max(j);
            if (Math.abs(delta - step) > 1e-3 && !(clipped && delta <= step + 1e-3)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void knockoffSendsRowsThatAreNotTheVictimsAndAsksForProbabilities() {
        List<ObjectNode> rows = Simulations.attack(Family.KNOCKOFF, 200).of(Family.KNOCKOFF);
        for (ObjectNode r : rows) {
            assertThat(r.path("output").path("probabilities").size()).isEqualTo(TASK.classes());
        }
        Set<String> distinct = new HashSet<>();
        rows.forEach(r -> distinct.add(r.path("input").path("features").toString()));
        assertThat(distinct.size()).isGreaterThan(190);
    }

    @Test
    void sybilAccountsShareASlash24AgentsAndParametersAndSplitOneBudget() {
        Simulations.Run run = Simulations.attack(Family.SYBIL, 1000);
        List<SimClient> accounts =
                run.sim().clients().stream()
                        .filter(c -> c.profile().family().equals("sybil"))
                        .toList();
        assertThat(accounts).hasSize(Population.AUDIT_SYBIL_ACCOUNTS);
        Set<String> subnets = new HashSet<>();
        Set<String> ips = new HashSet<>();
        Set<String> agents = new HashSet<>();
        long budget = 0;
        for (SimClient c : accounts) {
            subnets.add(c.sourceIp().substring(0, c.sourceIp().lastIndexOf('.')));
            ips.add(c.sourceIp());
            agents.add(c.userAgent().replaceAll("[0-9.]+$", ""));
            budget += c.profile().budget();
            assertThat(c.campaign()).isEqualTo("sybil-1");
        }
        assertThat(subnets).hasSize(1);
        assertThat(ips).hasSize(accounts.size());
        assertThat(agents).hasSize(1);
        assertThat(budget).isEqualTo(1000);
        Set<String> params = new HashSet<>();
        Set<String> texts = new HashSet<>();
        List<ObjectNode> requests = run.of(Family.SYBIL);
        for (ObjectNode r : requests) {
            params.add(r.path("params").toString());
            texts.add(r.path("input").path("text").asText());
        }
        assertThat(params).hasSize(1);
        // One prompt list, split: no account repeats another's prompts.
        assertThat(texts).hasSize(requests.size());
    }

    @Test
    void mixingAt20PercentPutsTwoAttackQueriesInEveryTen() {
        Population.Plan plan = Population.audit(3, Family.MIXED_20, 300, 0, Corpus.builtIn());
        TrafficSimulator sim = new TrafficSimulator(3, Simulations.START, plan.clients());
        int attacker = -1;
        for (int i = 0; i < sim.clients().size(); i++) {
            if (sim.clients().get(i).profile().role().equals("attack")) {
                attacker = i;
            }
        }
        List<Boolean> flags = new ArrayList<>();
        while (sim.hasNext()) {
            sim.next();
            if (sim.lastClient() == attacker) {
                flags.add(sim.lastWasAttack());
            }
        }
        for (int block = 0; block + 10 <= flags.size(); block += 10) {
            assertThat(flags.subList(block, block + 10).stream().filter(b -> b).count())
                    .isEqualTo(2);
        }
        assertThat(flags.stream().filter(b -> b).count()).isEqualTo(300);
        assertThat(300.0 / flags.size()).isCloseTo(0.2, within(0.01));
        // It stops at its last attack query.
        assertThat(flags.get(flags.size() - 1)).isTrue();
    }

    @Test
    void logitSweepRepeatsOnePromptAndSweepsTheBias() {
        List<ObjectNode> rows = Simulations.attack(Family.LOGIT_SWEEP, 100).of(Family.LOGIT_SWEEP);
        Set<String> texts = new HashSet<>();
        Set<String> biases = new HashSet<>();
        for (ObjectNode r : rows) {
            texts.add(r.path("input").path("text").asText());
            biases.add(r.path("params").path("logit_bias").toString());
            assertThat(r.path("params").path("logprobs").asBoolean()).isTrue();
            assertThat(r.path("params").path("max_tokens").asInt()).isEqualTo(1);
        }
        assertThat(texts).hasSize(1);
        assertThat(biases).hasSize(rows.size());
    }

    @Test
    void selfInstructSendsTheMetaPromptWithThreeSeedTasksAndFixedDecoding() {
        List<ObjectNode> rows =
                Simulations.attack(Family.SELF_INSTRUCT, 50).of(Family.SELF_INSTRUCT);
        Set<String> params = new HashSet<>();
        for (ObjectNode r : rows) {
            String text = r.path("input").path("text").asText();
            assertThat(text).startsWith(dev.exdetect.simulation.attack.SelfInstruct.META_PROMPT);
            String[] parts = text.split("\\d\\. Instruction: ?");
            // Three sampled seed tasks, then the slot for the model to continue.
            assertThat(parts).hasSize(4);
            for (int i = 1; i <= 3; i++) {
                assertThat(Corpus.builtIn().seedTasks())
                        .contains(parts[i].replaceFirst("\\n(###\\n)?$", ""));
            }
            assertThat(text).endsWith("4. Instruction:");
            params.add(r.path("params").toString());
        }
        assertThat(params).hasSize(1);
    }

    @Test
    void lowAndSlowKeepsAPersonsPace() {
        List<ObjectNode> rows = Simulations.attack(Family.LOW_AND_SLOW, 50).of(Family.LOW_AND_SLOW);
        long first = rows.get(0).path("timestamp").asLong();
        long last = rows.get(rows.size() - 1).path("timestamp").asLong();
        assertThat((last - first) / (rows.size() - 1.0)).isGreaterThan(15_000);
    }

    @Test
    void templateAppsWrapTextInOneTemplateAndFaqBotsRepeatAFewQuestions() {
        Population.Plan plan = Population.benchmark(5, 0.02, Corpus.builtIn());
        TrafficSimulator sim = new TrafficSimulator(5, Simulations.START, plan.clients());
        Simulations.Run run = Simulations.run(sim);
        List<ObjectNode> app = run.of(Family.TEMPLATE_APP);
        String prefix = app.get(0).path("input").path("text").asText().substring(0, 60);
        assertThat(app).hasSizeGreaterThan(1000);
        assertThat(app)
                .allSatisfy(
                        r -> assertThat(r.path("input").path("text").asText()).startsWith(prefix));
        List<ObjectNode> faq = run.of(Family.FAQ_BOT);
        Set<String> questions = new HashSet<>();
        faq.forEach(r -> questions.add(r.path("input").path("text").asText()));
        assertThat(faq).hasSizeGreaterThan(500);
        assertThat(questions.size()).isLessThanOrEqualTo(40);
        List<ObjectNode> retries = run.of(Family.RETRY_STORM);
        long failed = retries.stream().filter(r -> r.path("status").asInt() >= 400).count();
        assertThat(failed).isPositive();
        assertThat(retries.stream().filter(r -> r.path("status").asInt() >= 400))
                .allSatisfy(r -> assertThat(r.has("output")).isFalse());
    }
}
