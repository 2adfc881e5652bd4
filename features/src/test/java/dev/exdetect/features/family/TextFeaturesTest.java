package dev.exdetect.features.family;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.stats.ShapiroWilk;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.testing.TestClient;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
    private final SyntheticQueries gen = new SyntheticQueries(17, 5000);

    @Test
    void theSamePromptRepeatedIsANearDuplicateEveryTimeButTheFirst() {
        try (TestClient c = new TestClient()) {
            String prompt = gen.prompt(30);
            for (int i = 0; i < 10; i++) {
                c.text(T0 + i * 1000L, prompt);
            }
            assertThat(c.get(Feature.TEXT_REQUESTS_RECENT)).isEqualTo(10);
            assertThat(c.get(Feature.NEAR_DUPLICATE_RATIO)).isCloseTo(0.9, within(1e-12));
            assertThat(c.get(Feature.CHAR_NEAR_DUPLICATE_RATIO)).isCloseTo(0.9, within(1e-12));
            assertThat(c.get(Feature.LIFETIME_NEAR_DUPLICATE_RATIO)).isCloseTo(0.9, within(1e-12));
            assertThat(c.get(Feature.PARAM_SWEEP_RATIO)).isZero();
        }
    }

    @Test
    void distinctPromptsAreNotNearDuplicates() {
        try (TestClient c = new TestClient()) {
            for (int i = 0; i < 64; i++) {
                c.text(T0 + i * 1000L, gen.prompt(30));
            }
            assertThat(c.get(Feature.NEAR_DUPLICATE_RATIO)).isZero();
            assertThat(c.get(Feature.CHAR_NEAR_DUPLICATE_RATIO)).isZero();
            assertThat(c.get(Feature.VARIABLE_PART_NEAR_DUPLICATE_RATIO)).isZero();
            assertThat(c.get(Feature.TEMPLATE_SHARE)).isZero();
        }
    }

    @Test
    void characterShinglesCatchCopiesWithTypos() {
        try (TestClient c = new TestClient()) {
            String base = gen.prompt(40);
            for (int i = 0; i < 40; i++) {
                c.text(T0 + i * 1000L, gen.typos(base, 3));
            }
            // Three swapped letter pairs change up to three words, and so up to nine of the 38
            // word 3-shingles, but only about 15 of some 250 character 5-shingles.
            assertThat(c.get(Feature.CHAR_NEAR_DUPLICATE_RATIO)).isGreaterThanOrEqualTo(0.9);
            assertThat(c.get(Feature.CHAR_NEAR_DUPLICATE_RATIO))
                    .isGreaterThan(c.get(Feature.NEAR_DUPLICATE_RATIO));
        }
    }

    @Test
    void theSamePromptWithSweptLogitBiasIsAParameterSweep() {
        try (TestClient sweeper = new TestClient();
                TestClient repeater = new TestClient()) {
            String prompt = gen.prompt(25);
            for (int i = 0; i < 20; i++) {
                sweeper.text(T0 + i * 1000L, prompt, "{\"logit_bias\":{\"" + i + "\":100}}");
                repeater.text(T0 + i * 1000L, prompt, "{\"logit_bias\":{\"7\":100}}");
            }
            assertThat(sweeper.get(Feature.PARAM_SWEEP_RATIO)).isCloseTo(0.95, within(1e-12));
            assertThat(repeater.get(Feature.PARAM_SWEEP_RATIO)).isZero();
            assertThat(repeater.get(Feature.NEAR_DUPLICATE_RATIO)).isCloseTo(0.95, within(1e-12));
        }
    }

    @Test
    void templatePromptsAreJudgedOnTheirVariablePart() {
        String template = gen.prompt(60);
        String fixedContent = gen.prompt(6);
        try (TestClient app = new TestClient();
                TestClient prober = new TestClient()) {
            for (int i = 0; i < 40; i++) {
                app.text(T0 + i * 1000L, template + " " + gen.prompt(6));
                prober.text(
                        T0 + i * 1000L,
                        template + " " + fixedContent,
                        "{\"temperature\":" + (i % 10) / 10.0 + "}");
            }
            // Whole prompts look alike for both: 58 of 64 word shingles are the template's.
            assertThat(app.get(Feature.NEAR_DUPLICATE_RATIO)).isGreaterThanOrEqualTo(0.9);
            assertThat(prober.get(Feature.NEAR_DUPLICATE_RATIO)).isGreaterThanOrEqualTo(0.9);
            // The first prompt of each sets the template; the other 39 match it.
            assertThat(app.get(Feature.TEMPLATE_SHARE)).isCloseTo(39 / 40.0, within(1e-12));
            // What varies is what tells them apart.
            assertThat(app.get(Feature.VARIABLE_PART_NEAR_DUPLICATE_RATIO))
                    .isLessThanOrEqualTo(0.05);
            assertThat(prober.get(Feature.VARIABLE_PART_NEAR_DUPLICATE_RATIO))
                    .isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void textDistanceNormalityOfAKnownDistanceSequence() {
        // A, B, then A nineteen more times: minimum distances d(A,B) once and 0 nineteen times.
        // For one value apart from n - 1 equal ones, W = a1^2 * n / (n - 1) whatever the value.
        try (TestClient c = new TestClient()) {
            String a = gen.prompt(20);
            c.text(T0, a);
            c.text(T0 + 1000, gen.prompt(20));
            for (int i = 0; i < 19; i++) {
                c.text(T0 + (2 + i) * 1000L, a);
            }
            double a1 = ShapiroWilk.coefficients(20)[0];
            assertThat(c.get(Feature.TEXT_DISTANCE_NORMALITY))
                    .isCloseTo(a1 * a1 * 20 / 19, within(1e-9));
        }
        // The same prompt every time: all distances equal, W undefined.
        try (TestClient same = new TestClient()) {
            String a = gen.prompt(20);
            for (int i = 0; i < 30; i++) {
                same.text(T0 + i * 1000L, a);
            }
            assertThat(same.get(Feature.TEXT_DISTANCE_NORMALITY)).isNaN();
        }
    }

    @Test
    void textDistanceNormalityNeedsTwentyDistances() {
        try (TestClient c = new TestClient()) {
            for (int i = 0; i < 20; i++) {
                c.text(T0 + i * 1000L, gen.prompt(10 + i % 7));
            }
            // 19 distances so far (the first query has nothing to compare with).
            assertThat(c.get(Feature.TEXT_DISTANCE_NORMALITY)).isNaN();
            String base = gen.prompt(20);
            for (int i = 0; i < 30; i++) {
                c.text(
                        T0 + (20 + i) * 1000L,
                        i % 2 == 0 ? gen.prompt(20) : gen.edit(base, 1 + i % 5));
            }
            assertThat(c.get(Feature.TEXT_DISTANCE_NORMALITY)).isBetween(0.0, 1.0);
        }
    }
}
