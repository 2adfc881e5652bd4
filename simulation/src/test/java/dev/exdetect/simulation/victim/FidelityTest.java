package dev.exdetect.simulation.victim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FidelityTest {
    @Test
    void agreementIsTheShareOfRowsWithTheSameTopClass() {
        // Victim: class 1 when x > 0; surrogate: class 1 when x > 0.5.
        LogisticRegression victim =
                LogisticRegression.ofParameters(new double[][] {{0}, {1}}, new double[] {0, 0});
        LogisticRegression surrogate =
                LogisticRegression.ofParameters(new double[][] {{0}, {1}}, new double[] {0, -0.5});
        double[][] rows = {{-1}, {0.25}, {0.75}, {1}};
        // They disagree on 0.25 only.
        assertThat(Fidelity.agreement(surrogate, victim, rows)).isEqualTo(0.75);
        assertThat(Fidelity.agreement(victim, victim, rows)).isEqualTo(1.0);
    }

    @Test
    void equationSolvingRecoversALogisticRegressionFromItsProbabilities() {
        Random random = new Random(5);
        int d = 6;
        int k = 4;
        double[][] w = new double[k][d];
        double[] b = new double[k];
        for (int c = 0; c < k - 1; c++) {
            for (int j = 0; j < d; j++) {
                w[c][j] = random.nextGaussian();
            }
            b[c] = random.nextGaussian();
        }
        LogisticRegression victim = LogisticRegression.ofParameters(w, b);
        List<double[]> x = new ArrayList<>();
        List<double[]> p = new ArrayList<>();
        // d + 1 answers determine the d + 1 parameters of each class.
        for (int i = 0; i < d + 1; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = random.nextGaussian();
            }
            x.add(row);
            p.add(victim.probabilities(row));
        }
        LogisticRegression stolen = EquationSolver.solve(x, p, k);
        for (int i = 0; i < 50; i++) {
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] = 3 * random.nextGaussian();
            }
            double[] expected = victim.probabilities(row);
            double[] actual = stolen.probabilities(row);
            for (int c = 0; c < k; c++) {
                assertThat(actual[c]).isCloseTo(expected[c], within(1e-6));
            }
        }
    }

    @Test
    void aSurrogateNeedsAnswersAndLearnsFromLabelsAlone() {
        VectorTask task = VectorTask.synthetic();
        StolenAnswers none = new StolenAnswers(task.classes());
        assertThat(none.fidelity(task, StolenAnswers.Method.TRAIN)).isEmpty();
        assertThat(none.fidelity(task, StolenAnswers.Method.SOLVE)).isEmpty();

        StolenAnswers labels = new StolenAnswers(task.classes());
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            double[] x = task.realRow(random);
            labels.addLabel(x, task.victim().predict(x));
        }
        assertThat(labels.withProbabilities()).isZero();
        // Labels carry no probabilities to solve with, but are enough to train on.
        assertThat(labels.fidelity(task, StolenAnswers.Method.SOLVE)).isEmpty();
        assertThat(labels.fidelity(task, StolenAnswers.Method.TRAIN).getAsDouble())
                .isGreaterThan(0.8);
    }
}
