package dev.exdetect.features.minhash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinHashTest {
    /** Two sets of 200 elements with {@code shared} in common, as shingle hashes. */
    private static long[][] sets(SplittableRandom r, int size, int shared) {
        long[] a = new long[size];
        long[] b = new long[size];
        for (int i = 0; i < size; i++) {
            a[i] = r.nextLong();
            b[i] = i < shared ? a[i] : r.nextLong();
        }
        return new long[][] {a, b};
    }

    @Test
    void jaccardEstimateIsWithinTheExpectedErrorOfTheTrueJaccard() {
        SplittableRandom r = new SplittableRandom(42);
        int size = 200;
        for (int shared : new int[] {0, 20, 60, 100, 140, 180, 200}) {
            double trueJaccard = (double) shared / (2 * size - shared);
            // Standard error of a 64-value b-bit estimate: sqrt(J(1-J)/64), plus the 8-bit chance
            // matches (variance about (1/256)/64); allow four standard errors, averaged over 20
            // independent pairs for the mean, and per pair for the worst case.
            double se = Math.sqrt(trueJaccard * (1 - trueJaccard) / 64 + (1.0 / 256) / 64);
            double sum = 0;
            for (int trial = 0; trial < 20; trial++) {
                long[][] s = sets(r, size, shared);
                byte[] a = MinHasher.signature(s[0], size);
                byte[] b = MinHasher.signature(s[1], size);
                double estimate = Signatures.estimateJaccard(a, 0, b, 0);
                assertThat(estimate).isCloseTo(trueJaccard, within(4 * se + 1e-9));
                sum += estimate;
            }
            assertThat(sum / 20).isCloseTo(trueJaccard, within(4 * se / Math.sqrt(20) + 0.01));
        }
    }

    @Test
    void onePermutationEstimateIsWithinTheExpectedErrorForCharacterShingleSizedSets() {
        SplittableRandom r = new SplittableRandom(43);
        for (int size : new int[] {64, 150, 300}) {
            for (double share : new double[] {0, 0.3, 0.6, 0.9, 1}) {
                int shared = (int) (share * size);
                double trueJaccard = (double) shared / (2 * size - shared);
                // As above, but densification may copy one chance 8-bit match into several
                // positions: allow for a chance-match variance five times larger.
                double se = Math.sqrt(trueJaccard * (1 - trueJaccard) / 64 + (5.0 / 256) / 64);
                double sum = 0;
                for (int trial = 0; trial < 20; trial++) {
                    long[][] s = sets(r, size, shared);
                    double estimate =
                            Signatures.estimateJaccard(
                                    MinHasher.onePermutationSignature(s[0], size),
                                    0,
                                    MinHasher.onePermutationSignature(s[1], size),
                                    0);
                    assertThat(estimate).isCloseTo(trueJaccard, within(5 * se + 1e-9));
                    sum += estimate;
                }
                assertThat(sum / 20)
                        .as("size %d, J %.2f", size, trueJaccard)
                        .isCloseTo(trueJaccard, within(4 * se / Math.sqrt(20) + 0.02));
            }
        }
        assertThat(MinHasher.onePermutationSignature(new long[1], 0)).isNull();
    }

    @Test
    void identicalSetsHaveSimilarityOneAndEmptySetsNoSignature() {
        long[] set = {1, 2, 3, 4, 5};
        byte[] a = MinHasher.signature(set, 5);
        assertThat(Signatures.estimateJaccard(a, 0, MinHasher.signature(set, 5), 0)).isEqualTo(1.0);
        assertThat(MinHasher.signature(set, 0)).isNull();
    }

    @Test
    void wordAtATimeComparisonEqualsTheNaiveCountAndBanding() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 1000; trial++) {
            byte[] a = new byte[MinHasher.SIGNATURE_LENGTH];
            byte[] b = new byte[MinHasher.SIGNATURE_LENGTH];
            double equalShare = r.nextDouble(); // from all different to all equal
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) r.nextInt(256);
                // A random share of positions equal; some others differ only in the high bit.
                b[i] =
                        r.nextDouble() < equalShare
                                ? a[i]
                                : (byte) (a[i] ^ (r.nextBoolean() ? 0x80 : r.nextInt(1, 256)));
            }
            int naive = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] == b[i]) {
                    naive++;
                }
            }
            assertThat(Signatures.matches(a, 0, b, 0)).isEqualTo(naive);
            int comparison = Signatures.compare(a, 0, b, 0);
            assertThat(comparison & ~Signatures.SHARED_BAND).isEqualTo(naive);
            assertThat((comparison & Signatures.SHARED_BAND) != 0)
                    .isEqualTo(Signatures.shareBand(a, 0, b, 0));
        }
    }

    @Test
    void bandingFindsHighSimilarityPairsAndRarelyLowOnes() {
        SplittableRandom r = new SplittableRandom(11);
        int size = 100;
        int highFound = 0;
        int lowFound = 0;
        for (int trial = 0; trial < 200; trial++) {
            long[][] high = sets(r, size, 90); // J = 0.82: P(candidate) = 0.9998
            long[][] low = sets(r, size, 20); // J = 0.11: P(candidate) = 0.0024
            if (Signatures.shareBand(
                    MinHasher.signature(high[0], size), 0, MinHasher.signature(high[1], size), 0)) {
                highFound++;
            }
            if (Signatures.shareBand(
                    MinHasher.signature(low[0], size), 0, MinHasher.signature(low[1], size), 0)) {
                lowFound++;
            }
        }
        assertThat(highFound).isGreaterThanOrEqualTo(195);
        assertThat(lowFound).isLessThanOrEqualTo(10);
    }

    @Test
    void ringScanFindsNearDuplicatesAndParameterChanges() {
        RecentSignatures ring = RecentSignatures.withCapacity(4);
        long[] set = new long[50];
        for (int i = 0; i < set.length; i++) {
            set[i] = i * 7919L;
        }
        byte[] sig = MinHasher.signature(set, 50);
        assertThat(ring.scan(sig, 1, 0.7).bestOverall).isZero();
        ring.add(sig, 1);
        RecentSignatures.Scan sameParams = ring.scan(sig, 1, 0.7);
        assertThat(sameParams.bestCandidate).isEqualTo(1.0);
        assertThat(sameParams.nearDuplicateWithOtherParams).isFalse();
        assertThat(ring.scan(sig, 2, 0.7).nearDuplicateWithOtherParams).isTrue();
        for (int i = 0; i < 4; i++) {
            long[] other = {i * 31L + 1_000_000, i * 37L + 2_000_000};
            ring.add(MinHasher.signature(other, 2), 1);
        }
        // Evicted: the ring holds only the last four.
        assertThat(ring.size).isEqualTo(4);
        assertThat(ring.maxSimilarity(sig)).isLessThan(0.5);
    }
}
