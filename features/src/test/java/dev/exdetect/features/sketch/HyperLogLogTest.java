package dev.exdetect.features.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.hash.Hashing;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {
    private static final double RELATIVE_ERROR = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);

    @Test
    void estimatesDistinctCountsWithinFourStandardErrors() {
        for (int n : new int[] {1, 10, 100, 1_000, 10_000, 200_000}) {
            HyperLogLog h = HyperLogLog.create();
            for (int i = 0; i < n; i++) {
                h.add(Hashing.mix64(i + 1_000_000L * n));
            }
            assertThat(h.estimate()).as("n=%d", n).isCloseTo(n, within(4 * RELATIVE_ERROR * n + 1));
        }
    }

    @Test
    void smallCountsAreNearlyExactAndRepeatsDoNotCount() {
        HyperLogLog h = HyperLogLog.create();
        for (int repeat = 0; repeat < 100; repeat++) {
            for (int i = 0; i < 10; i++) {
                h.add(Hashing.mix64(i));
            }
        }
        assertThat(Math.round(h.estimate())).isEqualTo(10);
        assertThat(HyperLogLog.create().estimate()).isZero();
    }

    @Test
    void meanErrorOverManySketchesIsSmall() {
        double sum = 0;
        int sketches = 50;
        int n = 5_000;
        for (int s = 0; s < sketches; s++) {
            HyperLogLog h = HyperLogLog.create();
            for (int i = 0; i < n; i++) {
                h.add(Hashing.mix64(((long) s << 32) + i));
            }
            sum += h.estimate() / n;
        }
        assertThat(sum / sketches).isCloseTo(1.0, within(4 * RELATIVE_ERROR / Math.sqrt(sketches)));
    }
}
