package dev.exdetect.features.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.testing.SyntheticQueries;
import org.junit.jupiter.api.Test;

class VectorSketcherTest {
    private static double euclidean(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void shortVectorsKeepExactDistances() {
        double[] a = {1, 2, 3};
        double[] b = {4, 6, 3};
        assertThat(
                        VectorSketcher.distance(
                                VectorSketcher.sketch(a), 0, VectorSketcher.sketch(b), 0))
                .isCloseTo(5.0, within(1e-6));
    }

    @Test
    void longVectorsKeepSquaredDistancesInExpectation() {
        // Johnson-Lindenstrauss with 16 rows: E[d'^2] = d^2, relative spread about sqrt(2/16).
        SyntheticQueries g = new SyntheticQueries(1, 10);
        double sumRatio = 0;
        int pairs = 300;
        for (int i = 0; i < pairs; i++) {
            double[] a = g.gaussian(256);
            double[] b = g.gaussian(256);
            double d = euclidean(a, b);
            double sketched =
                    VectorSketcher.distance(
                            VectorSketcher.sketch(a), 0, VectorSketcher.sketch(b), 0);
            sumRatio += (sketched * sketched) / (d * d);
        }
        assertThat(sumRatio / pairs).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / 16 / pairs)));
    }

    @Test
    void nearbyInputsShareACellAndDistantOnesDoNot() {
        SyntheticQueries g = new SyntheticQueries(2, 10);
        int nearShared = 0;
        int farShared = 0;
        for (int i = 0; i < 200; i++) {
            double[] a = g.gaussian(8);
            double[] near = a.clone();
            near[0] += 0.01;
            double[] far = a.clone();
            for (int d = 0; d < far.length; d++) {
                far[d] += 20 * g.gaussian();
            }
            long cell = VectorSketcher.cell(VectorSketcher.sketch(a), 4.0);
            if (cell == VectorSketcher.cell(VectorSketcher.sketch(near), 4.0)) {
                nearShared++;
            }
            if (cell == VectorSketcher.cell(VectorSketcher.sketch(far), 4.0)) {
                farShared++;
            }
        }
        assertThat(nearShared).isGreaterThanOrEqualTo(190);
        assertThat(farShared).isLessThanOrEqualTo(20);
        // Deterministic: the same vector always lands in the same cell.
        double[] v = {0.3, -1.2, 2.5};
        assertThat(VectorSketcher.cell(VectorSketcher.sketch(v), 4.0))
                .isEqualTo(VectorSketcher.cell(VectorSketcher.sketch(v.clone()), 4.0));
    }

    @Test
    void reservoirDistancesArePerLabel() {
        VectorReservoir r = VectorReservoir.withCapacity(4);
        assertThat(r.minDistance(VectorSketcher.sketch(new double[] {0, 0}), 0)).isNaN();
        r.add(VectorSketcher.sketch(new double[] {0, 0}), 1);
        r.add(VectorSketcher.sketch(new double[] {10, 0}), 2);
        float[] q = VectorSketcher.sketch(new double[] {9, 0});
        assertThat(r.minDistance(q, 1)).isCloseTo(9.0, within(1e-6));
        assertThat(r.minDistance(q, 2)).isCloseTo(1.0, within(1e-6));
        assertThat(r.minDistance(q, 0)).isCloseTo(1.0, within(1e-6));
        assertThat(r.minDistance(q, 3)).isNaN();
    }
}
