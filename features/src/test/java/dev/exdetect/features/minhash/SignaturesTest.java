package dev.exdetect.features.minhash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignaturesTest {
    private static final int N = MinHasher.SIGNATURE_LENGTH;
    private static final double CHANCE = 1.0 / 256;

    /** Probability that one b-bit value agrees for sets with Jaccard similarity j. */
    private static double agreement(double j) {
        return j + (1 - j) * CHANCE;
    }

    @Test
    void estimateIsWithinItsStandardErrorOfTheExactJaccardOverManyRandomPairs() {
        Random random = new Random(11);
        int pairs = 2000;
        double sumAbsError = 0;
        double sumError = 0;
        for (int trial = 0; trial < pairs; trial++) {
            int union = 20 + random.nextInt(300);
            double target = random.nextDouble();
            int shared = (int) Math.round(target * union);
            int rest = union - shared;
            int onlyA = rest == 0 ? 0 : random.nextInt(rest + 1);
            if (shared == 0) {
                // both sets must be non-empty
                onlyA = Math.max(1, Math.min(rest - 1, onlyA));
            }
            List<Set<Long>> pair = ShingleSets.pair(random, shared, onlyA, rest - onlyA);
            double exact = ShingleSets.jaccard(pair.get(0), pair.get(1));
            byte[] a = ShingleSets.signature(pair.get(0), random);
            byte[] b = ShingleSets.signature(pair.get(1), random);

            double estimate = Signatures.estimateJaccard(a, 0, b, 0);
            // The estimate is (matches/64 - 1/256) / (1 - 1/256); its standard error follows from
            // the binomial standard error of the match share.
            double p = agreement(exact);
            double standardError = Math.sqrt(p * (1 - p) / N) / (1 - CHANCE);
            assertThat(estimate)
                    .as("pair %d, exact Jaccard %.3f", trial, exact)
                    .isBetween(0.0, 1.0)
                    .isCloseTo(exact, within(4 * standardError + 0.05));
            sumAbsError += Math.abs(estimate - exact);
            sumError += estimate - exact;
        }
        // Mean absolute error of a 64-value MinHash over J uniform in [0,1] is about 0.04.
        assertThat(sumAbsError / pairs).isLessThan(0.05);
        // And the chance-match correction leaves it unbiased (standard error of the mean ~0.001).
        assertThat(Math.abs(sumError / pairs)).isLessThan(0.01);
    }

    @Test
    void identicalSetsEstimateExactlyOne() {
        Random random = new Random(12);
        for (int trial = 0; trial < 100; trial++) {
            List<Set<Long>> pair = ShingleSets.pair(random, 1 + random.nextInt(200), 0, 0);
            // Same set, different insertion order.
            byte[] a = ShingleSets.signature(pair.get(0), random);
            byte[] b = ShingleSets.signature(pair.get(1), random);
            assertThat(Signatures.estimateJaccard(a, 0, b, 0)).isEqualTo(1.0);
            assertThat(Signatures.shareBand(a, 0, b, 0)).isTrue();
        }
    }

    @Test
    void disjointSetsEstimateNearZero() {
        Random random = new Random(13);
        double sum = 0;
        int pairs = 1000;
        for (int trial = 0; trial < pairs; trial++) {
            List<Set<Long>> pair =
                    ShingleSets.pair(random, 0, 1 + random.nextInt(100), 1 + random.nextInt(100));
            double estimate =
                    Signatures.estimateJaccard(
                            ShingleSets.signature(pair.get(0), random),
                            0,
                            ShingleSets.signature(pair.get(1), random),
                            0);
            // 7 or more chance agreements out of 64 (chance ~1e-9) would be needed to reach 0.1.
            assertThat(estimate).isBetween(0.0, 0.1);
            sum += estimate;
        }
        assertThat(sum / pairs).isLessThan(0.01);
    }

    @Test
    void estimateFromMatchCountCorrectsForChanceAgreementAndNeverGoesNegative() {
        Random random = new Random(14);
        byte[] a = new byte[N];
        random.nextBytes(a);
        double previous = -1;
        for (int k = 0; k <= N; k++) {
            byte[] b = a.clone();
            for (int i = k; i < N; i++) {
                b[i] = (byte) (a[i] + 1); // differs
            }
            double estimate = Signatures.estimateJaccard(a, 0, b, 0);
            // E[match share] = J + (1 - J)/256, solved for J, clipped at 0.
            double expected = Math.max(0, ((double) k / N - CHANCE) / (1 - CHANCE));
            assertThat(estimate).as("%d matches", k).isCloseTo(expected, within(1e-12));
            assertThat(estimate).isGreaterThanOrEqualTo(previous);
            previous = estimate;
        }
        byte[] none = a.clone();
        for (int i = 0; i < N; i++) {
            none[i] ^= 0x55;
        }
        assertThat(Signatures.estimateJaccard(a, 0, none, 0)).isZero();
        assertThat(Signatures.estimateJaccard(a, 0, a.clone(), 0)).isEqualTo(1.0);
    }

    @Test
    void estimateAndBandsReadTheSignatureAtTheGivenOffset() {
        Random random = new Random(15);
        byte[] a = new byte[N];
        random.nextBytes(a);
        byte[] other = new byte[N];
        random.nextBytes(other);
        byte[] flat = new byte[3 * N];
        System.arraycopy(other, 0, flat, 0, N);
        System.arraycopy(a, 0, flat, N, N);
        System.arraycopy(other, 0, flat, 2 * N, N);

        assertThat(Signatures.estimateJaccard(flat, N, a, 0)).isEqualTo(1.0);
        assertThat(Signatures.estimateJaccard(a, 0, flat, N)).isEqualTo(1.0);
        assertThat(Signatures.shareBand(flat, N, a, 0)).isTrue();
        assertThat(Signatures.estimateJaccard(flat, 0, a, 0)).isLessThan(0.2);
        for (int band = 0; band < Signatures.BANDS; band++) {
            assertThat(Signatures.bandKey(flat, N, band)).isEqualTo(Signatures.bandKey(a, 0, band));
        }
    }

    @Test
    void candidateWhenAnyOneBandOfFourValuesIsEqual() {
        assertThat(Signatures.BANDS * Signatures.ROWS_PER_BAND).isEqualTo(N);
        Random random = new Random(16);
        byte[] a = new byte[N];
        random.nextBytes(a);

        // One differing value in every band: no band equal, although 75% of values agree.
        byte[] b = a.clone();
        for (int band = 0; band < Signatures.BANDS; band++) {
            int i = band * Signatures.ROWS_PER_BAND + random.nextInt(Signatures.ROWS_PER_BAND);
            b[i] = (byte) (b[i] + 1);
        }
        assertThat(Signatures.shareBand(a, 0, b, 0)).isFalse();
        assertThat(Signatures.shareBand(b, 0, a, 0)).isFalse();

        // Restore one band at a time: each single equal band makes them candidates.
        for (int band = 0; band < Signatures.BANDS; band++) {
            byte[] c = b.clone();
            System.arraycopy(
                    a,
                    band * Signatures.ROWS_PER_BAND,
                    c,
                    band * Signatures.ROWS_PER_BAND,
                    Signatures.ROWS_PER_BAND);
            assertThat(Signatures.shareBand(a, 0, c, 0)).as("band %d", band).isTrue();
        }

        // Values equal but shifted across band boundaries do not make a band equal.
        byte[] rotated = new byte[N];
        for (int i = 0; i < N; i++) {
            rotated[i] = a[(i + 1) % N];
        }
        assertThat(Signatures.shareBand(a, 0, rotated, 0)).isFalse();
    }

    @Test
    void lshCandidateProbabilityFollowsTheBandingCurve() {
        // Documented: chance 1 - (1 - s^4)^16 of sharing a band (with s the per-value agreement).
        assertCandidateRate(0.8, 0.99, 1.0);
        assertCandidateRate(0.1, 0.0, 0.02);
        double atHalf = 1 - Math.pow(1 - Math.pow(agreement(0.5), 4), 16);
        assertThat(atHalf).isCloseTo(0.64, within(0.02)); // as the Javadoc says
        assertCandidateRate(0.5, atHalf - 0.06, atHalf + 0.06);
        double at03 = 1 - Math.pow(1 - Math.pow(agreement(0.3), 4), 16);
        assertCandidateRate(0.3, at03 - 0.05, at03 + 0.05);
    }

    private static void assertCandidateRate(double jaccard, double low, double high) {
        Random random = new Random(Double.doubleToLongBits(jaccard));
        int union = 200;
        int shared = (int) Math.round(jaccard * union);
        int pairs = 1000;
        int candidates = 0;
        for (int trial = 0; trial < pairs; trial++) {
            int rest = union - shared;
            List<Set<Long>> pair = ShingleSets.pair(random, shared, rest / 2, rest - rest / 2);
            if (trial == 0) {
                assertThat(ShingleSets.jaccard(pair.get(0), pair.get(1)))
                        .isCloseTo(jaccard, within(1e-9));
            }
            if (Signatures.shareBand(
                    ShingleSets.signature(pair.get(0), random),
                    0,
                    ShingleSets.signature(pair.get(1), random),
                    0)) {
                candidates++;
            }
        }
        assertThat((double) candidates / pairs)
                .as("candidate rate at Jaccard %.1f", jaccard)
                .isBetween(low, high);
    }
}
