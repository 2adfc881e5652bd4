package dev.exdetect.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.GroundTruth;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each world archetype produces the behaviour it claims. */
class WorldArchetypesTest {
    private static final List<String> POOL = Corpus.builtIn().extractionPrompts();

    @Test
    void everyArchetypeBuildsWithItsDefaultsAndTheGroundTruthNamesIt() {
        List<String> cohorts = new ArrayList<>();
        for (Archetype a : Archetypes.all()) {
            cohorts.add("{archetype: " + a.name() + ", count: 2}");
        }
        Worlds.Run run =
                Worlds.run(Worlds.of("2h", "{data: synthetic}", cohorts.toArray(String[]::new)));
        Map<String, ObjectNode> truth = new HashMap<>();
        for (ObjectNode n : GroundTruth.records(run.sim())) {
            truth.put(n.path("client_id").asText(), n);
        }
        for (Archetype a : Archetypes.all()) {
            List<SimClient> clients = run.cohort(a.name());
            assertThat(clients).as(a.name()).hasSize(2);
            for (SimClient c : clients) {
                ObjectNode t = truth.get(c.clientId());
                assertThat(t.path("archetype").asText()).isEqualTo(a.name());
                assertThat(t.path("role").asText()).isEqualTo(a.attack() ? "attack" : "benign");
                assertThat(t.path("family").asText())
                        .isEqualTo(a.name().equals("mixed") ? "mixed-5" : a.family().id());
                if (a.attack()) {
                    assertThat(t.path("budget").asLong()).as(a.name()).isPositive();
                } else {
                    assertThat(t.path("budget").isNull()).isTrue();
                }
                boolean campaign = a.name().equals("sybil") || a.name().equals("hydra");
                assertThat(t.path("campaign").isNull()).as(a.name()).isEqualTo(!campaign);
            }
        }
    }

    @Test
    void aWorldIsTheSameEveryTimeItIsSimulated() {
        World w =
                Worlds.of(
                        "1h",
                        "{data: synthetic}",
                        "{archetype: chat-user, count: 20}",
                        "{archetype: hydra, count: 4, budget: 200}",
                        "{archetype: sybil, count: 5, budget: 300, network: residential}",
                        "{archetype: b2b-product, count: 1}");
        assertThat(Worlds.run(w).records().values().toString())
                .isEqualTo(Worlds.run(w).records().values().toString());
    }

    @Test
    void theResidentialSybilNeverRepeatsAnAddressAndSplitsOnePool() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "3h",
                                "{data: synthetic}",
                                "{archetype: sybil, count: 12, budget: 1200, campaign_size: 12,"
                                        + " network: residential, period: 1s}"));
        List<ObjectNode> requests = run.of("sybil");
        assertThat(requests).hasSize(1200);
        Set<String> addresses = new HashSet<>();
        Set<String> texts = new HashSet<>();
        Set<String> params = new HashSet<>();
        for (ObjectNode r : requests) {
            assertThat(addresses.add(r.path("source_ip").asText()))
                    .as("address repeated: " + r.path("source_ip").asText())
                    .isTrue();
            texts.add(r.path("input").path("text").asText());
            params.add(r.path("params").toString());
        }
        assertThat(texts).hasSize(1200);
        assertThat(params).hasSize(1);
        assertThat(run.cohort("sybil")).extracting(SimClient::campaign).containsOnly("sybil-1");
        // Each account works through a contiguous slice of the pool.
        for (SimClient c : run.cohort("sybil")) {
            assertContiguous(texts(run.records().get(c)));
        }
    }

    @Test
    void hydraAccountsFollowOneAnotherAndCarryOnInOnePoolWithTheSameSettings() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "4h",
                                "{data: synthetic}",
                                "{archetype: hydra, count: 5, budget: 1000, chain_length: 5,"
                                        + " period: 0.5s..1s, gap: 10s..1m, hold: 0}"));
        List<SimClient> chain = run.cohort("hydra");
        assertThat(chain).hasSize(5);
        List<String> all = new ArrayList<>();
        long previousEnd = Long.MIN_VALUE;
        Set<String> subnets = new HashSet<>();
        Set<String> agents = new HashSet<>();
        Set<String> params = new HashSet<>();
        for (int k = 0; k < chain.size(); k++) {
            SimClient c = chain.get(k);
            assertThat(c.campaign()).isEqualTo("hydra-1");
            assertThat(c.after())
                    .isEqualTo(k == 0 ? -1 : run.plan().clients().indexOf(chain.get(k - 1)));
            List<ObjectNode> rs = run.records().get(c);
            assertThat(rs).hasSize(200);
            long first = rs.get(0).path("timestamp").asLong();
            assertThat(first).isGreaterThan(previousEnd);
            previousEnd = rs.get(rs.size() - 1).path("timestamp").asLong();
            Set<String> mine = new HashSet<>();
            for (ObjectNode r : rs) {
                String ip = r.path("source_ip").asText();
                mine.add(ip.substring(0, ip.lastIndexOf('.')));
                agents.add(r.path("user_agent").asText());
                params.add(r.path("params").toString());
            }
            // Its own proxy /24, the address rotating within it.
            assertThat(mine).hasSize(1);
            assertThat(subnets.add(mine.iterator().next())).isTrue();
            all.addAll(texts(rs));
        }
        assertThat(agents).hasSize(1);
        assertThat(params).hasSize(1);
        assertContiguous(all);
    }

    @Test
    void anEvalRunSendsEachBenchmarkQuestionOnceInATightLoopThenStops() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "2h",
                                "{data: synthetic}",
                                "{archetype: eval-run, count: 3, questions: 160..240, benchmarks: 1,"
                                        + " start: 0..30m}"));
        List<List<String>> runs = new ArrayList<>();
        for (SimClient c : run.cohort("eval-run")) {
            List<ObjectNode> rs = run.records().get(c);
            assertThat(rs.size()).isBetween(160, 240);
            List<String> texts = texts(rs);
            assertThat(new HashSet<>(texts)).hasSize(texts.size());
            long span =
                    rs.get(rs.size() - 1).path("timestamp").asLong()
                            - rs.get(0).path("timestamp").asLong();
            assertThat(span / (rs.size() - 1.0)).isLessThan(2_000);
            rs.forEach(r -> assertThat(r.path("params").path("temperature").asDouble()).isZero());
            runs.add(texts);
        }
        // One public benchmark: every researcher sends the same questions.
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
    }

    @Test
    void aNatClassSharesOneAddressClientAndParametersAndAsksOverlappingPopularQuestions() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "4h",
                                "{data: synthetic}",
                                "{archetype: nat-class, count: 20, group_size: 20, schedule: class,"
                                        + " lesson: 90m, popular: 15, popular_share: 0.4}"));
        List<SimClient> members = run.cohort("nat-class");
        assertThat(members).hasSize(20);
        assertThat(members).extracting(SimClient::sourceIp).containsOnly(members.get(0).sourceIp());
        assertThat(members)
                .extracting(SimClient::userAgent)
                .containsOnly(members.get(0).userAgent());
        assertThat(members.stream().map(SimClient::clientId).distinct()).hasSize(20);
        Set<String> params = new HashSet<>();
        Map<String, Set<String>> askedBy = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SimClient m : members) {
            for (ObjectNode r : run.records().get(m)) {
                params.add(r.path("params").toString());
                assertThat(r.path("source_ip").asText()).isEqualTo(m.sourceIp());
                askedBy.computeIfAbsent(r.path("input").path("text").asText(), k -> new HashSet<>())
                        .add(m.clientId());
                first = Math.min(first, r.path("timestamp").asLong());
                last = Math.max(last, r.path("timestamp").asLong());
            }
        }
        assertThat(params).hasSize(1);
        // Popular questions: asked by several members each.
        assertThat(askedBy.values().stream().filter(s -> s.size() >= 3).count()).isGreaterThan(3);
        // Within one lesson.
        assertThat(last - first).isLessThanOrEqualTo(90 * 60_000L);
    }

    @Test
    void minimalEquationSolvingSendsBetweenDPlusOneAndTwiceThatFullProbabilityVectors() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "2h",
                                "{data: synthetic, features: 30, classes: 4}",
                                "{archetype: equation-solving, name: minimal-equation-solving,"
                                        + " count: 6, budget: 31..62, pace: poisson, period: 5s}"));
        int d = run.plan().corpus().vectors().features();
        assertThat(d).isEqualTo(30);
        for (SimClient c : run.cohort("minimal-equation-solving")) {
            List<ObjectNode> rs = run.records().get(c);
            assertThat(rs.size()).isBetween(d + 1, 2 * (d + 1));
            for (ObjectNode r : rs) {
                assertThat(r.path("input").path("features").size()).isEqualTo(d);
                assertThat(r.path("params").path("return").asText()).isEqualTo("probabilities");
                assertThat(r.path("output").path("probabilities").size()).isEqualTo(4);
            }
        }
    }

    @Test
    void mobileUsersChangeAddressWithinTheirCarriersPoolsAndIpv6UsersWithinTheirSlash64() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "8h",
                                "{data: synthetic}",
                                "{archetype: mobile-user, count: 10, hold: 2m, carriers: 1,"
                                        + " session_length: 10, break: 20m}",
                                "{archetype: ipv6-user, count: 10, hold: 20m, session_length: 10,"
                                        + " break: 20m}"));
        Set<String> carrierSubnets = new HashSet<>();
        int changed = 0;
        for (SimClient c : run.cohort("mobile-user")) {
            Set<String> ips = new HashSet<>();
            run.records().get(c).forEach(r -> ips.add(r.path("source_ip").asText()));
            changed += ips.size() > 1 ? 1 : 0;
            ips.forEach(ip -> carrierSubnets.add(ip.substring(0, ip.lastIndexOf('.'))));
            assertThat(c.addresses().distinct()).isEqualTo(ips.size());
        }
        assertThat(changed).isGreaterThan(5);
        // One carrier: its two NAT pools are shared by all its users.
        assertThat(carrierSubnets).hasSize(2);
        int v6changed = 0;
        for (SimClient c : run.cohort("ipv6-user")) {
            Set<String> prefixes = new HashSet<>();
            Set<String> ips = new HashSet<>();
            for (ObjectNode r : run.records().get(c)) {
                String ip = r.path("source_ip").asText();
                assertThat(ip.split(":")).hasSize(8);
                ips.add(ip);
                prefixes.add(String.join(":", java.util.Arrays.copyOf(ip.split(":"), 4)));
            }
            assertThat(prefixes).hasSize(1);
            v6changed += ips.size() > 1 ? 1 : 0;
        }
        assertThat(v6changed).isGreaterThan(5);
    }

    @Test
    void appsOnTimersAreSteadyAndAppsOnRandomArrivalsAreNot() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "2h",
                                "{data: synthetic}",
                                "{archetype: template-app, name: timer-app, count: 2, pace: timer,"
                                        + " period: 5s, jitter: 0.02, template_words: 60}",
                                "{archetype: template-app, name: random-app, count: 2, pace:"
                                        + " poisson, period: 5s}",
                                "{archetype: faq-bot, name: faq-timer, count: 1, pace: timer,"
                                        + " period: 8s, jitter: 0.02}",
                                "{archetype: batch-scoring, name: stream, count: 1, mode: stream,"
                                        + " pace: timer, period: 2s, jitter: 0.05, start: 0}"));
        for (SimClient c : run.cohort("timer-app")) {
            List<ObjectNode> rs = run.records().get(c);
            assertThat(cv(rs)).isLessThan(0.05);
            String template = rs.get(0).path("input").path("text").asText();
            String prefix = template.substring(0, template.indexOf("\n"));
            assertThat(prefix.split("\\s+").length).isBetween(50, 75);
            rs.forEach(r -> assertThat(r.path("input").path("text").asText()).startsWith(prefix));
        }
        for (SimClient c : run.cohort("random-app")) {
            assertThat(cv(run.records().get(c))).isCloseTo(1.0, within(0.15));
        }
        assertThat(cv(run.of("faq-timer"))).isLessThan(0.05);
        List<ObjectNode> stream = run.of("stream");
        assertThat(cv(stream)).isLessThan(0.05);
        assertThat(stream.size()).isBetween(3_400, 3_700);
        Set<String> rows = new HashSet<>();
        for (ObjectNode r : stream) {
            assertThat(r.path("params").path("return").asText()).isEqualTo("probabilities");
            rows.add(r.path("input").path("features").toString());
        }
        // Real rows: drawn from the data set, so rows recur.
        assertThat(rows.size()).isLessThan(stream.size());
    }

    @Test
    void aB2BProductForwardsManyEndUsersQuestionsWithFixedParameters() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "6h",
                                "{data: synthetic}",
                                "{archetype: b2b-product, count: 1, end_users: 200, template_words: 0}",
                                "{archetype: b2b-distillation, count: 1, budget: 500, end_users: 100}"));
        List<ObjectNode> product = run.of("b2b-product");
        Set<String> texts = new HashSet<>(texts(product));
        Set<String> params = new HashSet<>();
        product.forEach(r -> params.add(r.path("params").toString()));
        assertThat(product.size()).isGreaterThan(500);
        assertThat(texts.size()).isGreaterThan(product.size() / 2);
        assertThat(params).hasSize(1);
        // The attack shaped like it: one key, fixed parameters, every prompt the next of the pool.
        List<ObjectNode> mimic = run.of("b2b-distillation");
        assertThat(mimic).hasSize(500);
        assertContiguous(texts(mimic));
        Set<String> mimicParams = new HashSet<>();
        mimic.forEach(r -> mimicParams.add(r.path("params").toString()));
        assertThat(mimicParams).hasSize(1);
    }

    @Test
    void backoffIntegrationsDoubleTheirPausesAndStormsRetryFast() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "8h",
                                "{data: synthetic}",
                                "{archetype: integration, name: backoff, count: 3, pace: timer, period:"
                                        + " 20s, retries: backoff, failure_chance: 5%, attempts: 5..5,"
                                        + " retry_pause_min: 1s, retry_pause_max: 60s}",
                                "{archetype: integration, name: storm, count: 2, pace: timer, period:"
                                        + " 20s, retries: storm, failure_chance: 5%, attempts: 30..30}"));
        int outages = 0;
        for (SimClient c : run.cohort("backoff")) {
            List<ObjectNode> rs = run.records().get(c);
            for (int i = 0; i + 4 < rs.size(); i++) {
                if (rs.get(i).path("status").asInt() >= 400
                        && (i == 0 || rs.get(i - 1).path("status").asInt() < 400)) {
                    outages++;
                    // Four failures then the success, all one text, pauses of about 1, 2, 4, 8 s.
                    String text = rs.get(i).path("input").path("text").asText();
                    for (int k = 0; k < 5; k++) {
                        assertThat(rs.get(i + k).path("input").path("text").asText())
                                .isEqualTo(text);
                        if (k < 4) {
                            assertThat(rs.get(i + k).path("status").asInt()).isIn(429, 503);
                        }
                    }
                    assertThat(rs.get(i + 4).path("status").asInt()).isEqualTo(200);
                    for (int k = 1; k <= 4; k++) {
                        long pause =
                                rs.get(i + k).path("timestamp").asLong()
                                        - rs.get(i + k - 1).path("timestamp").asLong();
                        double nominal = 1000 * Math.pow(2, k - 1);
                        assertThat((double) pause).isBetween(nominal / 2 - 1, nominal + 1);
                    }
                }
            }
        }
        assertThat(outages).isGreaterThan(5);
        long repeats = 0;
        for (SimClient c : run.cohort("storm")) {
            List<ObjectNode> rs = run.records().get(c);
            for (int i = 1; i < rs.size(); i++) {
                if (rs.get(i - 1).path("status").asInt() >= 400) {
                    // A failed call is sent again, within a second or so.
                    assertThat(rs.get(i).path("input").path("text").asText())
                            .isEqualTo(rs.get(i - 1).path("input").path("text").asText());
                    long pause =
                            rs.get(i).path("timestamp").asLong()
                                    - rs.get(i - 1).path("timestamp").asLong();
                    assertThat(pause).isBetween(100L, 1_500L);
                    repeats++;
                }
            }
        }
        assertThat(repeats).isGreaterThan(100);
    }

    @Test
    void fivePercentMixingPutsOneAttackPromptInEveryTwentyRequestsWithTheAccountsOwnDecoding() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "8h",
                                "{data: synthetic}",
                                "{archetype: mixed, count: 1, attack_share: 5%, budget: 40,"
                                        + " pace: poisson, period: 5s}"));
        SimClient c = run.cohort("mixed").get(0);
        List<ObjectNode> rs = run.records().get(c);
        assertThat(c.profile().family()).isEqualTo("mixed-5");
        Set<String> pool = new HashSet<>(POOL);
        Set<String> params = new HashSet<>();
        List<Boolean> attack = new ArrayList<>();
        for (ObjectNode r : rs) {
            attack.add(pool.contains(r.path("input").path("text").asText()));
            params.add(r.path("params").toString());
        }
        for (int b = 0; b + 20 <= attack.size(); b += 20) {
            assertThat(attack.subList(b, b + 20).stream().filter(x -> x).count()).isEqualTo(1);
        }
        assertThat(attack.stream().filter(x -> x).count()).isEqualTo(40);
        assertThat(params).hasSize(1);
    }

    @Test
    void paraphraseDistillationRewordsItsPromptsAtAPersonsPaceFromABrowser() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "8h",
                                "{data: synthetic}",
                                "{archetype: paraphrase-distillation, count: 2, budget: 150}"));
        Set<String> pool = new HashSet<>(POOL);
        for (SimClient c : run.cohort("paraphrase-distillation")) {
            assertThat(c.userAgent()).startsWith("Mozilla/5.0");
            List<ObjectNode> rs = run.records().get(c);
            assertThat(rs).hasSize(150);
            long verbatim =
                    rs.stream()
                            .filter(r -> pool.contains(r.path("input").path("text").asText()))
                            .count();
            assertThat(verbatim).isLessThan(rs.size() / 2);
            long repeats = rs.size() - new HashSet<>(texts(rs)).size();
            assertThat(repeats).isPositive();
            for (ObjectNode r : rs) {
                assertThat(r.path("params").path("temperature").asDouble()).isEqualTo(0.7);
                assertThat(r.path("params").path("max_tokens").asInt()).isEqualTo(1024);
            }
            long span =
                    rs.get(rs.size() - 1).path("timestamp").asLong()
                            - rs.get(0).path("timestamp").asLong();
            assertThat(span / (rs.size() - 1.0)).isGreaterThan(15_000);
        }
    }

    @Test
    void boundarySearchBisectsBetweenRowsOfDifferentClassesAskingForLabelsOnly() {
        Worlds.Run run =
                Worlds.run(
                        Worlds.of(
                                "2h",
                                "{data: synthetic}",
                                "{archetype: boundary-search, count: 1, budget: 300, seeds: 10, steps: 10}"));
        List<ObjectNode> rs = run.of("boundary-search");
        assertThat(rs).hasSize(300);
        for (ObjectNode r : rs) {
            assertThat(r.path("params").path("return").asText()).isEqualTo("label");
            assertThat(r.path("output").has("probabilities")).isFalse();
        }
        // After the seeds, each bisection step halves the distance to the previous point.
        int halving = 0;
        for (int i = 12; i < rs.size(); i++) {
            double step = distance(rs.get(i), rs.get(i - 1));
            double before = distance(rs.get(i - 1), rs.get(i - 2));
            if (before > 0 && Math.abs(step / before - 0.5) < 0.05) {
                halving++;
            }
        }
        assertThat(halving).isGreaterThan(rs.size() / 2);
    }

    private static double distance(JsonNode a, JsonNode b) {
        JsonNode x = a.path("input").path("features");
        JsonNode y = b.path("input").path("features");
        double s = 0;
        for (int j = 0; j < x.size(); j++) {
            double d = x.get(j).asDouble() - y.get(j).asDouble();
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double cv(List<ObjectNode> rs) {
        double sum = 0;
        double sq = 0;
        int n = rs.size() - 1;
        for (int i = 1; i < rs.size(); i++) {
            double d =
                    rs.get(i).path("timestamp").asLong() - rs.get(i - 1).path("timestamp").asLong();
            sum += d;
            sq += d * d;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sq / n - mean * mean)) / mean;
    }

    private static List<String> texts(List<ObjectNode> rs) {
        return rs.stream().map(r -> r.path("input").path("text").asText()).toList();
    }

    /** The texts are consecutive entries of the built-in extraction pool. */
    private static void assertContiguous(List<String> texts) {
        for (int start = 0; start < POOL.size(); start++) {
            if (!POOL.get(start).equals(texts.get(0))) {
                continue;
            }
            boolean all = true;
            for (int j = 0; j < texts.size() && all; j++) {
                all = POOL.get((start + j) % POOL.size()).equals(texts.get(j));
            }
            if (all) {
                return;
            }
        }
        throw new AssertionError("not consecutive entries of one pool: " + texts.subList(0, 3));
    }
}
