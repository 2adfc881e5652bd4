package dev.exdetect.features.family;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.testing.TestClient;
import org.junit.jupiter.api.Test;

class ResponseFeaturesTest {
    @Test
    void uniformClassCoverageHasMaximalLabelBalance() {
        try (TestClient c = new TestClient()) {
            String[] labels = {"cat", "dog", "bird", "fish"};
            for (int i = 0; i < 64; i++) {
                QueryInput in = QueryInput.vector(new double[] {i});
                in.outputLabel = labels[i % 4];
                in.outputConfidence = 0.9;
                c.send(T0 + i, in);
            }
            assertThat(c.get(Feature.LABEL_ENTROPY)).isCloseTo(2.0, within(1e-12));
            assertThat(c.get(Feature.LABEL_BALANCE)).isCloseTo(1.0, within(1e-12));
            assertThat(c.get(Feature.UNCERTAIN_ANSWER_RATIO)).isZero();
        }
    }

    @Test
    void boundaryAnswersAreUncertainAndProbabilityVectorsCounted() {
        try (TestClient c = new TestClient()) {
            for (int i = 0; i < 10; i++) {
                QueryInput in = QueryInput.vector(new double[] {i});
                // Margins 0.05 (uncertain) for even i, 0.6 (confident) for odd i.
                in.outputProbabilities =
                        i % 2 == 0 ? new double[] {0.5, 0.45, 0.05} : new double[] {0.8, 0.2, 0};
                c.send(T0 + i, in);
            }
            QueryInput plain = QueryInput.vector(new double[] {1});
            plain.outputConfidence = 0.3; // low confidence, no probabilities
            c.send(T0 + 10, plain);
            assertThat(c.get(Feature.UNCERTAIN_ANSWER_RATIO)).isCloseTo(6 / 11.0, within(1e-12));
            assertThat(c.get(Feature.PROBABILITIES_RATIO)).isCloseTo(10 / 11.0, within(1e-12));
            // Labels from the top class index when no label is given: always class 0 here.
            assertThat(c.get(Feature.LABEL_ENTROPY)).isZero();
        }
    }

    @Test
    void parameterFingerprints() {
        try (TestClient script = new TestClient();
                TestClient mixed = new TestClient()) {
            for (int i = 0; i < 40; i++) {
                script.text(
                        T0 + i,
                        "question number " + i,
                        "{\"logprobs\":true,\"max_tokens\":4096,\"temperature\":0}");
                mixed.text(
                        T0 + i,
                        "question number " + i,
                        i % 4 == 0
                                ? "{\"logit_bias\":{\"5\":-100},\"max_tokens\":" + (100 + i) + "}"
                                : "{\"temperature\":" + (i % 2) + "}");
            }
            assertThat(script.get(Feature.PARAMS_MODAL_SHARE)).isEqualTo(1.0);
            assertThat(script.get(Feature.MAX_TOKENS_MAX)).isEqualTo(4096);
            assertThat(script.get(Feature.LOGPROBS_RATIO)).isEqualTo(1.0);
            assertThat(script.get(Feature.LOGIT_BIAS_RATIO)).isZero();
            // temperature 1 on odd i (20 of 40), temperature 0 on i = 2 mod 4 (10), ten distinct
            // logit_bias requests.
            assertThat(mixed.get(Feature.PARAMS_MODAL_SHARE)).isEqualTo(0.5);
            assertThat(mixed.get(Feature.LOGIT_BIAS_RATIO)).isEqualTo(0.25);
            assertThat(mixed.get(Feature.MAX_TOKENS_MAX)).isEqualTo(136);
        }
    }
}
