package dev.exdetect.features.minhash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One-permutation signatures, the one-pass signature comparison, and the ring scan's parameter
 * check (the classic signature and banding are covered by MinHasherTest and SignaturesTest).
 */
class MinHashTest {
    @Test
    void onePermutationEstimateIsWithinTheExpectedErrorForCharacterShingleSizedSets() {
        Random random = new Random(43);
        for (int size : new int[] {64, 150, 300}) {
            for (double share : new double[] {0, 0.3, 0.6, 0.9, 1}) {
                int shared = (int) (share * size);
                double trueJaccard = (double) shared / (2 * size - shared);
                // As above, but densification may copy one chance 8-bit match into several
                // positions: allow for a chance-match variance five times larger.
                double se = Math.sqrt(trueJaccard * (1 - trueJaccard) / 64 + (5.0 / 256) / 64);
                double sum = 0;
                for (int trial = 0; trial < 20; trial++) {
                    List<Set<Long>> pair =
                            ShingleSets.pair(random, shared, size - shared, size - shared);
                    long[] a = ShingleSets.array(pair.get(0), random);
                    long[] b = ShingleSets.array(pair.get(1), random);
                    double estimate =
                            Signatures.estimateJaccard(
                                    MinHasher.onePermutationSignature(a, size),
                                    0,
                                    MinHasher.onePermutationSignature(b, size),
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
