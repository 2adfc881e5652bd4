package dev.exdetect.features.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.testing.SyntheticQueries;
import org.junit.jupiter.api.Test;

class ExpMovingStatsTest {
    @Test
    void constantStreamHasNoVariation() {
        ExpMovingStats s = new ExpMovingStats();
        for (int i = 0; i < 100; i++) {
            s.add(2.0, 1.0 / 32);
        }
        assertThat(s.mean).isEqualTo(2.0);
        assertThat(s.coefficientOfVariation()).isZero();
    }

    @Test
    void exponentialGapsHaveCoefficientOfVariationNearOne() {
        // Poisson arrivals: exponential gaps have cv = 1. Averaged over the stream's positions.
        SyntheticQueries g = new SyntheticQueries(9, 10);
        ExpMovingStats s = new ExpMovingStats();
        double sum = 0;
        int measured = 0;
        for (int i = 0; i < 20_000; i++) {
            s.add(-Math.log(1 - g.uniform()) * 3.0, 1.0 / 32);
            if (i > 200) {
                sum += s.coefficientOfVariation();
                measured++;
            }
        }
        assertThat(sum / measured).isCloseTo(1.0, within(0.1));
    }

    @Test
    void aRunOfZerosAfterSomeGapsIsCappedNotUnbounded() {
        // Requests sent in the same millisecond: the mean decays faster than the deviation.
        ExpMovingStats s = new ExpMovingStats();
        s.add(5.0, 1.0 / 32);
        s.add(1.0, 1.0 / 32);
        double beforeZeros = s.coefficientOfVariation();
        for (int i = 0; i < 2_000; i++) {
            s.add(0.0, 1.0 / 32);
        }
        assertThat(s.mean).isPositive();
        assertThat(beforeZeros).isLessThan(ExpMovingStats.MAX_COEFFICIENT_OF_VARIATION);
        assertThat(s.coefficientOfVariation())
                .isEqualTo(ExpMovingStats.MAX_COEFFICIENT_OF_VARIATION);
    }

    @Test
    void meanFollowsALevelShift() {
        ExpMovingStats s = new ExpMovingStats();
        for (int i = 0; i < 500; i++) {
            s.add(i < 250 ? 1 : 10, 1.0 / 32);
        }
        assertThat(s.mean).isCloseTo(10, within(0.01));
    }

    @Test
    void normalizedEntropy() {
        assertThat(Entropy.normalized(2.0, 4)).isCloseTo(1.0, within(1e-12));
        assertThat(Entropy.normalized(1.0, 4)).isCloseTo(0.5, within(1e-12));
        assertThat(Entropy.normalized(0, 1)).isZero();
    }
}
