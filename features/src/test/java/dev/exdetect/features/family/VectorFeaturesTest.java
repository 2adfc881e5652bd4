package dev.exdetect.features.family;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.stats.ShapiroWilk;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.testing.TestClient;
import org.junit.jupiter.api.Test;

class VectorFeaturesTest {
    private static QueryInput vector(double[] v, String label) {
        QueryInput in = QueryInput.vector(v);
        in.outputLabel = label;
        return in;
    }

    @Test
    void anExactRepeatHasMinimumDistanceZero() {
        try (TestClient c = new TestClient()) {
            double[] v = {1, 2, 3, 4};
            c.send(T0, vector(v, "cat"));
            c.send(T0 + 1, vector(v, "cat"));
            assertThat(c.get(Feature.VECTOR_MIN_DISTANCE_MEDIAN)).isZero();
        }
    }

    @Test
    void distancesAreTakenWithinThePredictedClass() {
        try (TestClient c = new TestClient()) {
            c.send(T0, vector(new double[] {0, 0}, "a"));
            c.send(T0 + 1, vector(new double[] {10, 0}, "b"));
            c.send(T0 + 2, vector(new double[] {3, 4}, "a")); // 5 from the "a", not 7.6 from "b"
            assertThat(c.get(Feature.VECTOR_MIN_DISTANCE_MEDIAN)).isCloseTo(5.0, within(1e-6));
        }
    }

    @Test
    void vectorDistanceNormalityOfAKnownDistanceSequence() {
        // (0,0), (3,4), then (0,0) nineteen times: distances 5 once and 0 nineteen times, so
        // W = a1^2 * 20 / 19 (one value apart from n - 1 equal ones); the median is 0.
        try (TestClient c = new TestClient()) {
            c.send(T0, vector(new double[] {0, 0}, null));
            c.send(T0 + 1, vector(new double[] {3, 4}, null));
            for (int i = 0; i < 19; i++) {
                c.send(T0 + 2 + i, vector(new double[] {0, 0}, null));
            }
            double a1 = ShapiroWilk.coefficients(20)[0];
            assertThat(c.get(Feature.VECTOR_DISTANCE_NORMALITY))
                    .isCloseTo(a1 * a1 * 20 / 19, within(1e-9));
            assertThat(c.get(Feature.VECTOR_MIN_DISTANCE_MEDIAN)).isZero();
        }
    }

    @Test
    void naturalQueriesLookMoreNormalThanSyntheticOnes() {
        // PRADA's observation: natural queries' minimum distances are close to normal; an attack
        // that steps around earlier queries (tiny perturbations, occasional jumps to new seeds)
        // gives a very non-normal mix of near-zero and large distances.
        SyntheticQueries g = new SyntheticQueries(23, 10);
        try (TestClient natural = new TestClient();
                TestClient synthetic = new TestClient()) {
            double[] seed = g.gaussian(8);
            for (int i = 0; i < 200; i++) {
                natural.send(T0 + i * 1000L, vector(g.gaussian(8), null));
                if (i % 8 == 0) {
                    seed = g.gaussian(8);
                } else {
                    seed = seed.clone();
                    seed[g.nextInt(8)] += 0.01 * g.gaussian();
                }
                synthetic.send(T0 + i * 1000L, vector(seed, null));
            }
            double wNatural = natural.get(Feature.VECTOR_DISTANCE_NORMALITY);
            double wSynthetic = synthetic.get(Feature.VECTOR_DISTANCE_NORMALITY);
            assertThat(wNatural).isGreaterThan(0.9);
            assertThat(wSynthetic).isLessThan(0.7);
        }
    }

    @Test
    void longVectorsAreSketchedAndStillCompared() {
        SyntheticQueries g = new SyntheticQueries(29, 10);
        try (TestClient c = new TestClient()) {
            double[] v = g.gaussian(1024);
            c.send(T0, vector(v, null));
            c.send(T0 + 1, vector(v, null));
            assertThat(c.get(Feature.VECTOR_MIN_DISTANCE_MEDIAN)).isZero();
            assertThat(c.get(Feature.DISTINCT_CELLS_TOTAL)).isEqualTo(1);
        }
    }
}
