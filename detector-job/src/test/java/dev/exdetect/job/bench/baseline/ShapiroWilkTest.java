package dev.exdetect.job.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** W against scipy.stats.shapiro 1.17 (an independent implementation of AS R94). */
class ShapiroWilkTest {
    @Test
    void matchesScipyOnASmallSample() {
        double[] x = {148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236};
        assertThat(ShapiroWilk.w(x)).isCloseTo(0.7888146948631716, within(1e-4));
    }

    @Test
    void matchesScipyOnLargerSamples() {
        double[] y = new double[200];
        for (int i = 1; i <= 200; i++) {
            y[i - 1] = (i * 7919) % 101 / 10.0;
        }
        assertThat(ShapiroWilk.w(y)).isCloseTo(0.9538475193292205, within(1e-4));
        double[] z = new double[300];
        for (int i = 1; i <= 300; i++) {
            z[i - 1] = Math.exp((i * 7919) % 1009 / 1009.0 * 3);
        }
        assertThat(ShapiroWilk.w(z)).isCloseTo(0.8674786731048933, within(1e-4));
    }

    @Test
    void isUndefinedForAConstantSampleAndRefusesSizesOutsideItsRange() {
        assertThat(ShapiroWilk.w(new double[20])).isNaN();
        assertThatThrownBy(() -> ShapiroWilk.w(new double[5]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShapiroWilk.w(new double[5001]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
