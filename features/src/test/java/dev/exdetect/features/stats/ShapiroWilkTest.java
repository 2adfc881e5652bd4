package dev.exdetect.features.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.testing.SyntheticQueries;
import org.junit.jupiter.api.Test;

class ShapiroWilkTest {
    // Reference values published with SciPy's tests of scipy.stats.shapiro (same algorithm as R's
    // shapiro.test, Royston 1995): W to 6 decimals, p to 6 and 3 decimals.
    private static final double[] X1 = {
        0.11, 7.87, 4.61, 10.14, 7.95, 3.14, 0.46, 4.43, 0.21, 4.75, 0.71, 1.52, 3.24, 0.93, 0.42,
        4.97, 9.53, 4.55, 0.47, 6.66
    };
    private static final double[] X2 = {
        1.36, 1.14, 2.92, 2.55, 1.46, 1.06, 5.27, -1.11, 3.48, 1.10, 0.88, -0.51, 1.46, 0.52, 6.20,
        1.69, 0.08, 3.67, 2.81, 3.49
    };

    @Test
    void matchesPublishedReferenceValues() {
        ShapiroWilk.Result r1 = ShapiroWilk.test(X1);
        assertThat(r1.w()).isCloseTo(0.90047299861907959, within(1e-6));
        assertThat(r1.pValue()).isCloseTo(0.042089745402336121, within(1e-5));
        ShapiroWilk.Result r2 = ShapiroWilk.test(X2);
        assertThat(r2.w()).isCloseTo(0.9590270, within(1e-6));
        assertThat(r2.pValue()).isCloseTo(0.52460, within(1e-3));
    }

    /** W against scipy.stats.shapiro 1.17, an independent implementation of AS R94. */
    @Test
    void matchesScipy() {
        double[] x = {148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236};
        assertThat(ShapiroWilk.test(x).w()).isCloseTo(0.7888146948631716, within(1e-4));
        double[] y = new double[200];
        for (int i = 1; i <= 200; i++) {
            y[i - 1] = (i * 7919) % 101 / 10.0;
        }
        assertThat(ShapiroWilk.test(y).w()).isCloseTo(0.9538475193292205, within(1e-4));
        double[] z = new double[300];
        for (int i = 1; i <= 300; i++) {
            z[i - 1] = Math.exp((i * 7919) % 1009 / 1009.0 * 3);
        }
        assertThat(ShapiroWilk.test(z).w()).isCloseTo(0.8674786731048933, within(1e-4));
    }

    @Test
    void coefficientsMatchShapiroAndWilksTable() {
        // Shapiro and Wilk (1965), table 5, n = 10; Royston's approximation agrees to 3 decimals.
        double[] a = ShapiroWilk.coefficients(10);
        double[] table = {0.5739, 0.3291, 0.2141, 0.1224, 0.0399};
        for (int i = 0; i < table.length; i++) {
            assertThat(a[i]).isCloseTo(table[i], within(0.002));
        }
        assertThat(ShapiroWilk.coefficients(3)[0]).isCloseTo(Math.sqrt(0.5), within(1e-15));
    }

    @Test
    void exactForThreeValues() {
        // n = 3: W of (0, 1, 3) is 3/4 * (x3 - x1)^2 ... here computed from its definition.
        double[] x = {0, 1, 3};
        double mean = 4.0 / 3;
        double ss = mean * mean + (1 - mean) * (1 - mean) + (3 - mean) * (3 - mean);
        double expected = 0.5 * 9 / ss;
        ShapiroWilk.Result r = ShapiroWilk.test(x);
        assertThat(r.w()).isCloseTo(expected, within(1e-12));
        double p = 6 / Math.PI * (Math.asin(Math.sqrt(expected)) - Math.PI / 3);
        assertThat(r.pValue()).isCloseTo(p, within(1e-12));
    }

    @Test
    void invariantUnderShiftAndScaleAndBoundedByOne() {
        SyntheticQueries g = new SyntheticQueries(3, 10);
        for (int trial = 0; trial < 50; trial++) {
            int n = 3 + g.nextInt(100);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = g.gaussian();
                y[i] = 5 + 3 * x[i];
            }
            double w = ShapiroWilk.test(x).w();
            assertThat(w).isBetween(0.0, 1.0);
            assertThat(ShapiroWilk.test(y).w()).isCloseTo(w, within(1e-9));
        }
    }

    @Test
    void separatesNormalFromSkewedSamples() {
        SyntheticQueries g = new SyntheticQueries(5, 10);
        int normalRejected = 0;
        int exponentialRejected = 0;
        for (int trial = 0; trial < 100; trial++) {
            double[] normal = new double[64];
            double[] exponential = new double[64];
            for (int i = 0; i < 64; i++) {
                normal[i] = g.gaussian();
                exponential[i] = -Math.log(1 - g.uniform());
            }
            if (ShapiroWilk.test(normal).pValue() < 0.05) {
                normalRejected++;
            }
            if (ShapiroWilk.test(exponential).pValue() < 0.05) {
                exponentialRejected++;
            }
        }
        // About 5% false rejections at the 5% level; the test's power against the exponential
        // at n = 64 is essentially 1.
        assertThat(normalRejected).isLessThanOrEqualTo(14);
        assertThat(exponentialRejected).isGreaterThanOrEqualTo(95);
    }

    @Test
    void undefinedForConstantSamplesAndRefusedForTinyOnes() {
        assertThat(ShapiroWilk.test(new double[] {2, 2, 2, 2}).w()).isNaN();
        assertThatThrownBy(() -> ShapiroWilk.test(new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 to 5000");
    }
}
