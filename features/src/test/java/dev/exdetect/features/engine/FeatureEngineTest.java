package dev.exdetect.features.engine;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {
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
                            java.util.Arrays.stream(Feature.values()).map(Feature::id).toList());
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
