package dev.exdetect.features.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RingsTest {
    @Test
    void entropyOfKnownDistributions() {
        IntRing uniform4 = IntRing.withCapacity(64);
        for (int i = 0; i < 64; i++) {
            uniform4.add(i % 4);
        }
        assertThat(uniform4.entropyBits()).isCloseTo(2.0, within(1e-12));
        assertThat(uniform4.modeShare()).isEqualTo(0.25);
        assertThat(uniform4.distinct()).isEqualTo(4);

        IntRing skewed = IntRing.withCapacity(64); // 1/2, 1/4, 1/4 -> 1.5 bits
        for (int i = 0; i < 64; i++) {
            skewed.add(i < 32 ? 7 : i < 48 ? 8 : 9);
        }
        assertThat(skewed.entropyBits()).isCloseTo(1.5, within(1e-12));
        assertThat(skewed.modeShare()).isEqualTo(0.5);

        IntRing constant = IntRing.withCapacity(8);
        constant.add(5);
        constant.add(5);
        assertThat(constant.entropyBits()).isZero();
        assertThat(IntRing.withCapacity(8).entropyBits()).isZero();
    }

    @Test
    void ringsKeepOnlyTheNewestValues() {
        IntRing r = IntRing.withCapacity(4);
        for (int i = 0; i < 10; i++) {
            r.add(i < 6 ? 1 : 2); // the last four are all 2
        }
        assertThat(r.size).isEqualTo(4);
        assertThat(r.modeShare()).isEqualTo(1.0);
        assertThat(r.distinct()).isEqualTo(1);

        FloatRing f = FloatRing.withCapacity(3);
        for (double x : new double[] {100, 1, 2, 3}) {
            f.add(x);
        }
        assertThat(f.mean()).isCloseTo(2.0, within(1e-6));
        assertThat(f.median()).isCloseTo(2.0, within(1e-6));
        assertThat(f.standardDeviation()).isCloseTo(1.0, within(1e-6));
    }
}
