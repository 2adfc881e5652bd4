package dev.exdetect.features.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.hash.Hashing;
import org.junit.jupiter.api.Test;

class SeenCellsTest {
    @Test
    void aCellIsNewOnlyOnItsFirstVisit() {
        SeenCells s = SeenCells.create();
        assertThat(s.visit(Hashing.mix64(1))).isTrue();
        assertThat(s.visit(Hashing.mix64(1))).isFalse();
        assertThat(s.visit(Hashing.mix64(2))).isTrue();
        assertThat(s.fill()).isEqualTo(2.0 / SeenCells.BITS);
    }

    @Test
    void correctedNewRateIsUnbiasedForAStreamOfNewCells() {
        // Every cell is new; the fill-corrected indicator must average to 1 even as the bitmaps
        // fill up and rotate.
        SeenCells s = SeenCells.create();
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double fill = s.fill();
            sum += s.visit(Hashing.mix64(i)) ? 1 / (1 - fill) : 0;
        }
        assertThat(sum / n).isCloseTo(1.0, within(0.03));
        assertThat(s.fill()).isLessThan(0.5);
    }

    @Test
    void theIncrementalFillEqualsTheBitmapsUnionAtEveryStep() {
        SeenCells s = SeenCells.create();
        for (int i = 0; i < 6000; i++) {
            s.visit(Hashing.mix64(i % 3000));
            if (i % 97 == 0) {
                int union = 0;
                for (int w = 0; w < s.current.length; w++) {
                    union += Long.bitCount(s.current[w] | s.previous[w]);
                }
                assertThat(s.fill()).isEqualTo((double) union / SeenCells.BITS);
            }
        }
    }

    @Test
    void aSmallRepeatedSetStopsLookingNew() {
        SeenCells s = SeenCells.create();
        int fresh = 0;
        for (int round = 0; round < 100; round++) {
            for (int c = 0; c < 30; c++) {
                if (s.visit(Hashing.mix64(c)) && round > 0) {
                    fresh++;
                }
            }
        }
        assertThat(fresh).isZero();
    }
}
