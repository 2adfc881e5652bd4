package dev.exdetect.simulation.victim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
    @Test
    void theBuiltInVictimLearnsItsTrainingDataAndAnswersWithDistributions() {
        VectorTask task = VectorTask.synthetic();
        // Six overlapping classes: well above chance (1/6), not perfect.
        assertThat(task.victimTrainingAccuracy()).isBetween(0.85, 0.999);
        double[] p = task.victim().probabilities(task.realRow(new Random(1)));
        assertThat(p).hasSize(6);
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void separatesTwoClassesOnOneFeature() {
        double[][] x = {{-2}, {-1}, {-0.5}, {0.5}, {1}, {2}};
        int[] y = {0, 0, 0, 1, 1, 1};
        LogisticRegression m = LogisticRegression.fitLabels(x, y, 2, 300, 1e-4);
        assertThat(m.accuracy(x, y)).isEqualTo(1.0);
        assertThat(m.probabilities(new double[] {3})[1]).isGreaterThan(0.9);
        assertThat(m.probabilities(new double[] {-3})[0]).isGreaterThan(0.9);
    }

    @Test
    void probabilityGradientMatchesFiniteDifferences() {
        LogisticRegression m =
                LogisticRegression.ofParameters(
                        new double[][] {{0.5, -1.0, 2.0}, {-0.3, 0.8, 0.1}, {0, 0, 0}},
                        new double[] {0.2, -0.1, 0});
        double[] x = {0.3, -0.7, 0.2};
        for (int c = 0; c < 3; c++) {
            double[] g = m.probabilityGradient(x, c);
            for (int j = 0; j < x.length; j++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[j] += 1e-6;
                down[j] -= 1e-6;
                double numeric = (m.probabilities(up)[c] - m.probabilities(down)[c]) / 2e-6;
                assertThat(g[j]).isCloseTo(numeric, within(1e-6));
            }
        }
    }
}
