package dev.exdetect.simulation.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exdetect.simulation.profile.Family;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** World files parse, and bad ones are refused with file, line and reason. */
class WorldParserTest {
    private static final Path SAMPLES = Path.of("..", "samples", "worlds");

    @TempDir Path dir;

    @Test
    void theSampleWorldsParseAndAreWorldsOfTheBenchmarksSize() throws Exception {
        List<World> worlds = WorldParser.readAll(SAMPLES);
        assertThat(worlds).extracting(World::name).contains("calibration").hasSizeGreaterThan(4);
        for (World w : worlds) {
            assertThat(w.clients()).as(w.name()).isBetween(360, 430);
            assertThat(w.durationMillis()).as(w.name()).isBetween(8 * 3_600_000L, 12 * 3_600_000L);
            // Every world has attackers of every kind the issue names, and benign apps.
            Set<String> archetypes = new HashSet<>();
            w.cohorts().forEach(c -> archetypes.add(c.archetype().name()));
            assertThat(archetypes)
                    .as(w.name())
                    .contains(
                            "paraphrase-distillation",
                            "b2b-distillation",
                            "mixed",
                            "low-and-slow",
                            "hydra",
                            "boundary-search",
                            "eval-run",
                            "b2b-product",
                            "integration",
                            "mobile-user",
                            "ipv6-user");
        }
        assertThat(worlds)
                .anySatisfy(
                        w ->
                                assertThat(w.victim())
                                        .isEqualTo(new World.Victim("synthetic", 30, 4)));
        assertThat(worlds).anySatisfy(w -> assertThat(w.corpus().builtIn()).isTrue());
        assertThat(worlds)
                .anySatisfy(
                        w ->
                                assertThat(w.cohorts())
                                        .anySatisfy(
                                                c -> {
                                                    assertThat(c.archetype().name())
                                                            .isEqualTo("sybil");
                                                    assertThat(c.param("network").choices())
                                                            .containsExactly("residential");
                                                }));
    }

    @Test
    void theSampleWorldsAreParametrisedIndependentlyNotCopiesWithAnotherSeed() throws Exception {
        List<World> worlds = WorldParser.readAll(SAMPLES);
        for (int i = 0; i < worlds.size(); i++) {
            for (int j = i + 1; j < worlds.size(); j++) {
                World a = worlds.get(i);
                World b = worlds.get(j);
                assertThat(a.seed()).isNotEqualTo(b.seed());
                assertThat(a.startMillis()).isNotEqualTo(b.startMillis());
                // Most cohorts that both worlds have differ in size or parameters.
                Map<String, Cohort> bc = new java.util.HashMap<>();
                b.cohorts().forEach(c -> bc.put(c.name(), c));
                int shared = 0;
                int same = 0;
                for (Cohort c : a.cohorts()) {
                    Cohort o = bc.get(c.name());
                    if (o != null) {
                        shared++;
                        same += o.count() == c.count() && o.params().equals(c.params()) ? 1 : 0;
                    }
                }
                assertThat(same).as(a.name() + " vs " + b.name()).isLessThan(shared / 4 + 1);
            }
        }
    }

    @Test
    void defaultsFillTheParametersACohortDoesNotSet() {
        World w =
                Worlds.of("1h", "{data: synthetic}", "{archetype: faq-bot, count: 2, pace: timer}");
        Cohort c = w.cohorts().get(0);
        assertThat(c.name()).isEqualTo("faq-bot");
        assertThat(c.archetype().family()).isEqualTo(Family.FAQ_BOT);
        assertThat(c.param("pace").choices()).containsExactly("timer");
        assertThat(c.param("questions").lo()).isEqualTo(20);
        assertThat(c.param("questions").hi()).isEqualTo(40);
        assertThat(c.param("period").lo()).isEqualTo(5_000);
        assertThat(c.param("period").hi()).isEqualTo(30_000);
        assertThat(w.victim()).isEqualTo(new World.Victim("synthetic", 20, 6));
        assertThat(w.needsCorpus()).isFalse();
    }

    @Test
    void valuesTakeUnitsPercentagesRangesAndChoiceLists() {
        World w =
                Worlds.of(
                        "90m",
                        "{data: synthetic, features: 30, classes: 4}",
                        "{archetype: integration, count: 1, period: 1.5s..2m, failure_chance: 5%,"
                                + " retries: [storm, backoff], attempts: 3..8}");
        Cohort c = w.cohorts().get(0);
        assertThat(w.durationMillis()).isEqualTo(90 * 60_000L);
        assertThat(c.param("period").lo()).isEqualTo(1_500);
        assertThat(c.param("period").hi()).isEqualTo(120_000);
        assertThat(c.param("failure_chance").lo()).isEqualTo(0.05);
        assertThat(c.param("retries").choices()).containsExactly("storm", "backoff");
    }

    @Test
    void corpusPoolsAreSlicesOfFiles() {
        World w =
                WorldParser.parse(
                        "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 8h\nvictim: {data: digits}\n"
                                + "corpus:\n  questions: [trec_qc 0-60%, stackoverflow_titles_a 50%-100%]\n"
                                + "  eval: [trec_qc 60-100%]\n"
                                + "cohorts:\n  - {archetype: chat-user, count: 1}\n",
                        "w.yaml", "w");
        assertThat(w.corpus().slices().get("questions"))
                .extracting(World.Slice::file, World.Slice::from, World.Slice::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("trec_qc", 0.0, 0.6),
                        org.assertj.core.groups.Tuple.tuple("stackoverflow_titles_a", 0.5, 1.0));
        // Pools the world does not name keep the seed benchmark's files.
        assertThat(w.corpus().slices().get("extraction"))
                .extracting(World.Slice::file)
                .containsExactly("gpteacher_codegen", "gpteacher_roleplay");
        assertThat(w.needsCorpus()).isTrue();
    }

    @Test
    void badWorldsAreRefusedWithFileLineAndReason() throws Exception {
        String head =
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 8h\nvictim: {data: digits}\n";
        refused(
                head + "cohorts:\n  - {archetype: chat-usr, count: 3}\n",
                6,
                "unknown archetype 'chat-usr'; did you mean 'chat-user'?");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 3, perod: 5s}\n",
                6,
                "unknown key 'perod' for archetype faq-bot; did you mean 'period'?");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 3, period: 20s..5s}\n",
                6,
                "period: a range must go from low to high, got '20s..5s'");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 3, period: 5}\n",
                6,
                "period: expected a duration such as 500ms, 20s, 5m or 1.5h (or a range A..B), got '5'");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 3, pace: clockwork}\n",
                6,
                "pace: expected one of timer, poisson, diurnal, bursty, sessions, got 'clockwork'");
        refused(head + "cohorts:\n  - {archetype: faq-bot}\n", 6, "missing count:");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 0}\n",
                6,
                "count must be from 1 to 100000");
        refused(
                head
                        + "cohorts:\n  - {archetype: faq-bot, count: 1}\n  - {archetype: faq-bot, count: 2}\n",
                7,
                "cohort name 'faq-bot' is used twice (first at line 6); give one of them a name:");
        refused(
                head + "cohorts:\n  - {archetype: mixed, count: 1, attack_share: 10%}\n",
                6,
                "attack_share: expected one of 50%, 20%, 5%, got '10%'");
        refused(
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 3d\nvictim: {data: digits}\ncohorts: []\n",
                3,
                "duration: expected a duration such as 500ms, 20s, 5m or 1.5h (or a range A..B), got '3d'");
        refused(
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 49h\nvictim: {data: digits}\ncohorts: []\n",
                3,
                "duration must be from 1m to 48h");
        refused(
                "seed: 1\nstart: yesterday\nduration: 8h\nvictim: {data: digits}\n",
                2,
                "start must be an RFC 3339 time such as 2026-11-03T06:00:00Z, got 'yesterday'");
        refused(
                "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 8h\nvictim: {data: digits, features: 30}\ncohorts: []\n",
                4,
                "features is set by the data set; only a synthetic victim takes it");
        refused(
                head
                        + "corpus:\n  questions: [trec_qc 0-150%]\ncohorts:\n  - {archetype: faq-bot, count: 1}\n",
                6,
                "a slice's range must satisfy 0% <= from < to <= 100%, got '0-150%'");
        refused(
                head + "corpus:\n  quesions: [trec_qc]\n",
                6,
                "unknown key 'quesions' in corpus; did you mean 'questions'?");
        refused(head + "seeed: 2\n", 5, "unknown key 'seeed' in a world; did you mean 'seed'?");
        refused(head + "cohorts:\n  - {archetype: faq-bot, count: 1\n", 7, "YAML syntax error:");
        refused(
                head + "cohorts:\n  - {archetype: faq-bot, count: 1}\nworld: other\n",
                7,
                "world 'other' is in a file named bad.yaml; the world's name is its file's name");
    }

    private void refused(String text, int line, String reason) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, text);
        assertThatThrownBy(() -> WorldParser.read(f))
                .isInstanceOf(WorldFileException.class)
                .satisfies(
                        e -> {
                            WorldFileException w = (WorldFileException) e;
                            assertThat(w.file()).isEqualTo(f.toString());
                            assertThat(w.line()).as(w.getMessage()).isEqualTo(line);
                            assertThat(w.reason()).as(w.getMessage()).startsWith(reason);
                            assertThat(w.getMessage()).startsWith(f + ":" + line + ":");
                        });
    }

    @Test
    void aWorldThatNeedsTheCorpusSaysSoWithoutIt() {
        World w =
                WorldParser.parse(
                        "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 8h\nvictim: {data: digits}\n"
                                + "cohorts:\n  - {archetype: chat-user, count: 1}\n",
                        "needs.yaml",
                        "needs");
        assertThatThrownBy(() -> WorldBuilder.build(w, null))
                .isInstanceOf(WorldFileException.class)
                .hasMessageContaining("--corpus DIR");
    }
}
