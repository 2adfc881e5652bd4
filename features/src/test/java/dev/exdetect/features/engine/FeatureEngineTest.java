package dev.exdetect.features.engine;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.testing.TestClient;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {
    private final FeatureEngine engine = new FeatureEngine(FeatureConfig.defaults());
    private final QueryAnalyzer analyzer = new QueryAnalyzer(FeatureConfig.defaults());

    @AfterEach
    void close() {
        analyzer.close();
    }

    /** A synthetic vocabulary of distinct lower-case words. */
    private static List<String> vocabulary(Random random, int size) {
        Set<String> words = new LinkedHashSet<>();
        while (words.size() < size) {
            int length = 3 + random.nextInt(6);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                sb.append((char) ('a' + random.nextInt(26)));
            }
            words.add(sb.toString());
        }
        return new ArrayList<>(words);
    }

    private static String sentence(Random random, List<String> vocabulary) {
        int n = 8 + random.nextInt(13);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        return sb.append('.').toString();
    }

    @Test
    void theSameTextAgainAndAgainIsNearDuplicate() {
        ClientFeatureState state = engine.newState();
        String text = "Please classify this review: the product arrived late and broken.";
        for (int n = 1; n <= 100; n++) {
            FeatureVector v = engine.update(state, analyzer.observe(n * 1000L, text));
            // The first has nothing to duplicate; every later one duplicates it.
            int window = Math.min(n, 64);
            int duplicates = n <= 64 ? n - 1 : 64;
            assertThat(v.get(Feature.TEXT_REQUESTS_RECENT)).isEqualTo(window);
            assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO))
                    .as("after %d", n)
                    .isEqualTo((double) duplicates / window);
        }
    }

    @Test
    void distinctSentencesStayNearZero() {
        Random random = new Random(71);
        List<String> vocabulary = vocabulary(random, 5000);
        ClientFeatureState state = engine.newState();
        FeatureVector v = null;
        for (int n = 1; n <= 300; n++) {
            v = engine.update(state, analyzer.observe(n * 1000L, sentence(random, vocabulary)));
            assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isLessThanOrEqualTo(0.05);
        }
        assertThat(v.get(Feature.TEXT_REQUESTS_RECENT)).isEqualTo(64);
    }

    @Test
    void smallEditsOfOnePromptAreNearDuplicates() {
        // Parameter sweep: the same 30-word prompt with one number changed (Jaccard ~0.8).
        Random random = new Random(72);
        List<String> vocabulary = vocabulary(random, 5000);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            words.add(vocabulary.get(random.nextInt(vocabulary.size())));
        }
        ClientFeatureState state = engine.newState();
        FeatureVector v = null;
        for (int n = 1; n <= 100; n++) {
            List<String> edited = new ArrayList<>(words);
            edited.set(15, Integer.toString(1000 + n));
            v = engine.update(state, analyzer.observe(n * 1000L, String.join(" ", edited)));
        }
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void ratioMixesDuplicatesAndDistinctOverTheLast64() {
        Random random = new Random(73);
        List<String> vocabulary = vocabulary(random, 5000);
        String repeated = sentence(random, vocabulary);
        ClientFeatureState state = engine.newState();
        FeatureVector v = null;
        for (int i = 0; i < 64; i++) {
            String text = i % 2 == 0 ? repeated : sentence(random, vocabulary);
            v = engine.update(state, analyzer.observe(i * 1000L, text));
        }
        // 32 copies of the repeated text, of which all but the first had a near-duplicate.
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isEqualTo(31.0 / 64);
        for (int i = 64; i < 128; i++) {
            v = engine.update(state, analyzer.observe(i * 1000L, sentence(random, vocabulary)));
        }
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isZero();
    }

    @Test
    void onlyTheConfiguredNumberOfRecentSignaturesIsSearched() {
        Random random = new Random(74);
        List<String> vocabulary = vocabulary(random, 5000);
        String a = sentence(random, vocabulary);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(sentence(random, vocabulary));
        }
        for (int capacity : new int[] {8, 9}) {
            FeatureEngine small = new FeatureEngine(new FeatureConfig(3, 4096, capacity, 0.7));
            ClientFeatureState state = small.newState();
            small.update(state, analyzer.observe(0, a));
            for (String o : others) {
                small.update(state, analyzer.observe(1, o));
            }
            FeatureVector v = small.update(state, analyzer.observe(2, a));
            // 10 texts; the last is a duplicate only if `a` is still among the last `capacity`.
            assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO))
                    .as("capacity %d", capacity)
                    .isEqualTo(capacity >= 9 ? 1.0 / 10 : 0.0);
        }
    }

    @Test
    void nearDuplicateRatioIsUndefinedUntilATextIsSeen() {
        ClientFeatureState state = engine.newState();
        FeatureVector v = engine.update(state, analyzer.observe(1000, (String) null));
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isNaN();
        assertThat(v.get(Feature.TEXT_REQUESTS_RECENT)).isZero();
        assertThat(v.asMap()).doesNotContainKey("near_duplicate_ratio");
        v = engine.update(state, analyzer.observe(2000, ""));
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isNaN();
        v = engine.update(state, analyzer.observe(3000, "?!... ---"));
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isNaN();
        assertThat(v.get(Feature.REQUESTS_TOTAL)).isEqualTo(3);

        v = engine.update(state, analyzer.observe(4000, "a real question"));
        assertThat(v.get(Feature.NEAR_DUPLICATE_RATIO)).isZero();
        assertThat(v.get(Feature.TEXT_REQUESTS_RECENT)).isEqualTo(1);
        assertThat(v.asMap()).containsEntry("near_duplicate_ratio", 0.0);
    }

    @Test
    void requestCountsOnAKnownSequence() {
        ClientFeatureState state = engine.newState();
        // {time, total, last minute, last hour}; times chosen away from bucket edges so that the
        // exact window and the 5 s / 5 min buckets agree.
        long[][] expected = {
            {0, 1, 1, 1},
            {1_000, 2, 2, 2},
            {2_000, 3, 3, 3},
            {30_000, 4, 4, 4},
            {70_000, 5, 2, 5}, // 0, 1, 2 s are more than a minute ago
            {3_700_000, 6, 1, 1}, // 1 h 1 min 40 s: only itself in either window
            {4_300_000, 7, 1, 2},
            {4_301_000, 8, 2, 3},
        };
        for (long[] row : expected) {
            FeatureVector v = engine.update(state, analyzer.observe(row[0], "x"));
            assertThat(v.get(Feature.REQUESTS_TOTAL)).as("total at %d", row[0]).isEqualTo(row[1]);
            assertThat(v.get(Feature.REQUESTS_LAST_MINUTE))
                    .as("minute at %d", row[0])
                    .isEqualTo(row[2]);
            assertThat(v.get(Feature.REQUESTS_LAST_HOUR))
                    .as("hour at %d", row[0])
                    .isEqualTo(row[3]);
        }
        assertThat(state.firstSeenMillis).isZero();
        assertThat(state.lastSeenMillis).isEqualTo(4_301_000);
    }

    @Test
    void windowsSlideInTheDocumentedBucketSteps() {
        // Minute: 12 buckets of 5 s; hour: 12 buckets of 5 min. An event drops out with its whole
        // bucket, so just after a bucket edge the count is below the exact sliding count.
        ClientFeatureState minute = engine.newState();
        engine.update(minute, new QueryObservation(4_000, null)); // bucket [0 s, 5 s)
        FeatureVector v = engine.update(minute, new QueryObservation(63_000, null));
        assertThat(v.get(Feature.REQUESTS_LAST_MINUTE)).isEqualTo(1); // exact (3 s, 63 s]: 2
        // A late event (58.999 s) counts in its own bucket, seen from the newest time.
        engine.update(minute, new QueryObservation(58_999, null));
        assertThat(engine.snapshot(minute, 63_000).get(Feature.REQUESTS_LAST_MINUTE)).isEqualTo(2);

        ClientFeatureState hour = engine.newState();
        engine.update(hour, new QueryObservation(4 * 60_000, null)); // bucket [0, 5 min)
        v = engine.update(hour, new QueryObservation(63 * 60_000, null));
        assertThat(v.get(Feature.REQUESTS_LAST_HOUR)).isEqualTo(1); // exact (3 min, 63 min]: 2
        assertThat(v.get(Feature.REQUESTS_LAST_MINUTE)).isEqualTo(1);

        ClientFeatureState edge = engine.newState();
        engine.update(edge, new QueryObservation(0, null));
        v = engine.update(edge, new QueryObservation(60 * 60_000 - 1, null));
        assertThat(v.get(Feature.REQUESTS_LAST_HOUR)).isEqualTo(2);
        assertThat(engine.snapshot(edge, 60 * 60_000).get(Feature.REQUESTS_LAST_HOUR)).isEqualTo(1);
    }

    @Test
    void requestCountsStayWithinOneBucketOfTheExactWindowsOnRandomTraffic() {
        Random random = new Random(75);
        ClientFeatureState state = engine.newState();
        List<Long> times = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int i = 0; i < 3000; i++) {
            t += random.nextInt(10) == 0 ? random.nextInt(600_000) : random.nextInt(3000);
            times.add(t);
            FeatureVector v = engine.update(state, new QueryObservation(t, null));
            assertThat(v.get(Feature.REQUESTS_TOTAL)).isEqualTo(i + 1);
            assertThat(v.get(Feature.REQUESTS_LAST_MINUTE))
                    .isBetween((double) exact(times, 55_000, t), (double) exact(times, 60_000, t));
            assertThat(v.get(Feature.REQUESTS_LAST_HOUR))
                    .isBetween(
                            (double) exact(times, 3_300_000, t),
                            (double) exact(times, 3_600_000, t));
        }
    }

    private static int exact(List<Long> times, long length, long t) {
        int n = 0;
        for (long e : times) {
            if (e > t - length && e <= t) {
                n++;
            }
        }
        return n;
    }

    @Test
    void snapshotReadsWithoutChangingState() {
        ClientFeatureState state = engine.newState();
        engine.update(state, analyzer.observe(1000, "hello there general"));
        engine.update(state, analyzer.observe(2000, "hello there general"));
        FeatureVector a = engine.snapshot(state, 2000);
        FeatureVector b = engine.snapshot(state, 2000);
        assertThat(a.asMap()).isEqualTo(b.asMap());
        assertThat(state.requestCount).isEqualTo(2);
        // Later, the minute window has moved on while the total has not.
        FeatureVector later = engine.snapshot(state, 2000 + 10 * 60_000);
        assertThat(later.get(Feature.REQUESTS_LAST_MINUTE)).isZero();
        assertThat(later.get(Feature.REQUESTS_LAST_HOUR)).isEqualTo(2);
        assertThat(later.get(Feature.REQUESTS_TOTAL)).isEqualTo(2);
        assertThat(later.get(Feature.NEAR_DUPLICATE_RATIO)).isEqualTo(0.5);
    }

    @Test
    void sameTextsInTheSameOrderGiveTheSameFeatures() {
        // Live and replay must agree: a second analyzer and engine reproduce every value.
        Random random = new Random(76);
        List<String> vocabulary = vocabulary(random, 200);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(
                    random.nextInt(3) == 0
                            ? texts.isEmpty() ? "x" : texts.get(random.nextInt(texts.size()))
                            : sentence(random, vocabulary));
        }
        FeatureEngine replay = new FeatureEngine(FeatureConfig.defaults());
        ClientFeatureState live = engine.newState();
        ClientFeatureState replayed = replay.newState();
        try (QueryAnalyzer other = new QueryAnalyzer(FeatureConfig.defaults())) {
            for (int i = 0; i < texts.size(); i++) {
                FeatureVector a = engine.update(live, analyzer.observe(i * 700L, texts.get(i)));
                FeatureVector b = replay.update(replayed, other.observe(i * 700L, texts.get(i)));
                assertThat(a.asMap()).isEqualTo(b.asMap());
            }
        }
    }

    @Test
    void configRejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> new FeatureConfig(0, 4096, 64, 0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shingle size");
        assertThatThrownBy(() -> new FeatureConfig(9, 4096, 64, 0.7))
                .hasMessageContaining("shingle size");
        assertThatThrownBy(() -> new FeatureConfig(3, 15, 64, 0.7))
                .hasMessageContaining("max analysed chars");
        assertThatThrownBy(() -> new FeatureConfig(3, 4096, 7, 0.7))
                .hasMessageContaining("recent signatures");
        assertThatThrownBy(() -> new FeatureConfig(3, 4096, 65, 0.7))
                .hasMessageContaining("recent signatures");
        assertThatThrownBy(() -> new FeatureConfig(3, 4096, 64, 0))
                .hasMessageContaining("threshold");
        assertThatThrownBy(() -> new FeatureConfig(3, 4096, 64, 1.01))
                .hasMessageContaining("threshold");
        FeatureConfig d = FeatureConfig.defaults();
        assertThat(d).isEqualTo(new FeatureConfig(3, 4096, 64, 0.7));
    }

    @Test
    void analyzerSignatureIgnoresCaseAndPunctuationAndIsNullWithoutWords() {
        assertThat(analyzer.textSignature(null)).isNull();
        assertThat(analyzer.textSignature("")).isNull();
        assertThat(analyzer.textSignature("... !!!")).isNull();
        assertThat(analyzer.textSignature("What is the capital of France?"))
                .isEqualTo(analyzer.textSignature("what IS the capital of france"))
                .isNotEqualTo(analyzer.textSignature("what is the capital of spain"));
    }

    @Test
    void featureIdsAreSnakeCaseNames() {
        assertThat(Feature.byId("near_duplicate_ratio")).isEqualTo(Feature.NEAR_DUPLICATE_RATIO);
        assertThat(Feature.byId("requests_last_minute")).isEqualTo(Feature.REQUESTS_LAST_MINUTE);
        assertThat(Feature.byId("NEAR_DUPLICATE_RATIO")).isNull();
        assertThat(Feature.byId("nope")).isNull();
        for (Feature f : Feature.values()) {
            assertThat(Feature.byId(f.id())).isEqualTo(f);
            assertThat(f.id()).matches("[a-z_]+");
        }
    }

    private static List<QueryInput> mixedTraffic(long seed, int n) {
        SyntheticQueries g = new SyntheticQueries(seed, 2000);
        List<QueryInput> inputs = new ArrayList<>();
        String template = g.prompt(20);
        for (int i = 0; i < n; i++) {
            QueryInput in;
            switch (i % 3) {
                case 0 -> in = QueryInput.text(g.prompt(5 + g.nextInt(40)));
                case 1 -> in = QueryInput.text(template + " " + g.prompt(6));
                default -> {
                    in = QueryInput.vector(g.gaussian(1 + g.nextInt(64)));
                    in.outputProbabilities = new double[] {g.uniform(), g.uniform(), g.uniform()};
                }
            }
            in.paramsJson = "{\"temperature\":" + g.nextInt(3) + "}";
            in.outputLabel = i % 5 == 0 ? "label" + g.nextInt(4) : null;
            inputs.add(in);
        }
        return inputs;
    }

    @Test
    void theSameRequestsInTheSameOrderGiveTheSameFeatures() {
        List<QueryInput> inputs = mixedTraffic(1, 300);
        try (TestClient a = new TestClient();
                TestClient b = new TestClient()) {
            for (int i = 0; i < inputs.size(); i++) {
                FeatureVector va = a.send(T0 + i * 777L, inputs.get(i));
                FeatureVector vb = b.send(T0 + i * 777L, inputs.get(i));
                assertThat(va.asMap()).isEqualTo(vb.asMap());
            }
        }
    }

    @Test
    void everyFeatureIsDefinedForAClientThatSendsEverythingAndValuesAreFinite() {
        try (TestClient c = new TestClient()) {
            List<QueryInput> inputs = mixedTraffic(2, 400);
            FeatureVector v = null;
            for (int i = 0; i < inputs.size(); i++) {
                QueryInput in = inputs.get(i);
                if (i % 7 == 0) {
                    in.paramsJson = "{\"logprobs\":true,\"logit_bias\":{\"1\":2},\"max_tokens\":9}";
                    in.outputConfidence = 0.5;
                }
                v = c.send(T0 + i * 10_000L, in);
            }
            assertThat(v.asMap().keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            java.util.Arrays.stream(Feature.values())
                                    .filter(f -> f.scope() == Feature.Scope.CLIENT)
                                    .map(Feature::id)
                                    .toList());
            assertThat(v.asMap().values()).allSatisfy(x -> assertThat(x).isFinite());
        }
    }

    @Test
    void theFeatureIdsUsedByTheDefaultRulesExist() {
        for (String id :
                List.of(
                        "requests_total",
                        "requests_last_minute",
                        "requests_last_hour",
                        "text_requests_recent",
                        "near_duplicate_ratio")) {
            assertThat(Feature.byId(id)).as(id).isNotNull();
        }
    }

    @Test
    void aClientWithoutTextReportsNoTextRatios() {
        try (TestClient c = new TestClient()) {
            c.send(T0, QueryInput.vector(new double[] {1, 2}));
            assertThat(c.get(Feature.TEXT_REQUESTS_RECENT)).isZero();
            assertThat(c.get(Feature.NEAR_DUPLICATE_RATIO)).isNaN();
            assertThat(c.state().text).isNull();
            assertThat(c.state().vectors).isNotNull();
        }
    }
}
