package dev.exdetect.features.minhash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentSignaturesTest {

    private static byte[] randomSetSignature(Random random) {
        return ShingleSets.signature(ShingleSets.pair(random, 50, 0, 0).get(0), random);
    }

    @Test
    void emptyRingFindsNothing() {
        RecentSignatures r = RecentSignatures.withCapacity(8);
        assertThat(r.capacity()).isEqualTo(8);
        assertThat(r.size).isZero();
        assertThat(r.maxSimilarity(randomSetSignature(new Random(1)))).isZero();
    }

    @Test
    void sizeNeverExceedsCapacityAndExactlyTheNewestSignaturesAreKept() {
        Random random = new Random(21);
        for (int capacity : new int[] {1, 2, 3, 7, 64}) {
            RecentSignatures r = RecentSignatures.withCapacity(capacity);
            List<byte[]> added = new ArrayList<>();
            for (int n = 1; n <= 3 * capacity + 5; n++) {
                byte[] sig = randomSetSignature(random);
                r.add(sig);
                added.add(sig);
                assertThat(r.size).isEqualTo(Math.min(n, capacity));
                assertThat(r.capacity()).isEqualTo(capacity);
                assertThat(r.ring).hasSize(capacity * MinHasher.SIGNATURE_LENGTH);
            }
            int total = added.size();
            for (int i = 0; i < total; i++) {
                double found = r.maxSimilarity(added.get(i));
                if (i >= total - capacity) {
                    assertThat(found).as("capacity %d, entry %d kept", capacity, i).isEqualTo(1.0);
                } else {
                    // Unrelated random sets: no LSH candidate among the kept ones.
                    assertThat(found)
                            .as("capacity %d, entry %d evicted", capacity, i)
                            .isLessThan(0.2);
                }
            }
        }
    }

    @Test
    void findsANearDuplicateUntilItIsEvicted() {
        Random random = new Random(22);
        int capacity = 16;
        // Jaccard 180/200 = 0.9 between the stored prompt and the probe.
        List<Set<Long>> pair = ShingleSets.pair(random, 180, 10, 10);
        byte[] stored = ShingleSets.signature(pair.get(0), random);
        byte[] probe = ShingleSets.signature(pair.get(1), random);

        RecentSignatures r = RecentSignatures.withCapacity(capacity);
        r.add(randomSetSignature(random));
        assertThat(r.maxSimilarity(probe)).isLessThan(0.2);

        r.add(stored);
        double expected = Signatures.estimateJaccard(stored, 0, probe, 0);
        assertThat(expected).isGreaterThan(0.7);
        assertThat(r.maxSimilarity(probe)).isEqualTo(expected);

        // capacity - 1 more unrelated entries: the near-duplicate is the oldest, still kept.
        for (int i = 0; i < capacity - 1; i++) {
            r.add(randomSetSignature(random));
        }
        assertThat(r.maxSimilarity(probe)).isEqualTo(expected);

        // One more evicts it.
        r.add(randomSetSignature(random));
        assertThat(r.maxSimilarity(probe)).isLessThan(0.2);
    }

    @Test
    void returnsTheBestOfSeveralCandidates() {
        Random random = new Random(23);
        byte[] probe = new byte[MinHasher.SIGNATURE_LENGTH];
        random.nextBytes(probe);
        // Each stored signature keeps band 0 (so it is a candidate) and differs in `d` values.
        int[] differing = {40, 8, 24};
        RecentSignatures r = RecentSignatures.withCapacity(4);
        double best = 0;
        for (int d : differing) {
            byte[] s = probe.clone();
            for (int i = 0; i < d; i++) {
                int pos = MinHasher.SIGNATURE_LENGTH - 1 - i;
                s[pos] = (byte) (s[pos] + 1);
            }
            r.add(s);
            best = Math.max(best, Signatures.estimateJaccard(s, 0, probe, 0));
        }
        double withEight = ((56.0 / 64) - 1.0 / 256) / (1 - 1.0 / 256);
        assertThat(best).isEqualTo(withEight);
        assertThat(r.maxSimilarity(probe)).isEqualTo(withEight);
    }

    @Test
    void aSimilarSignatureThatSharesNoBandIsNotACandidate() {
        Random random = new Random(24);
        byte[] probe = new byte[MinHasher.SIGNATURE_LENGTH];
        random.nextBytes(probe);
        byte[] s = probe.clone();
        for (int band = 0; band < Signatures.BANDS; band++) {
            int pos = band * Signatures.ROWS_PER_BAND;
            s[pos] = (byte) (s[pos] + 1);
        }
        // 48 of 64 values agree (estimate ~0.75), but banding never proposes the pair.
        assertThat(Signatures.estimateJaccard(s, 0, probe, 0)).isGreaterThan(0.7);
        RecentSignatures r = RecentSignatures.withCapacity(4);
        r.add(s);
        assertThat(r.maxSimilarity(probe)).isZero();
    }

    @Test
    void storesACopySoLaterChangesToTheCallersArrayDoNotLeakIn() {
        Random random = new Random(25);
        byte[] sig = randomSetSignature(random);
        byte[] original = sig.clone();
        RecentSignatures r = RecentSignatures.withCapacity(2);
        r.add(sig);
        java.util.Arrays.fill(sig, (byte) 0);
        assertThat(r.maxSimilarity(original)).isEqualTo(1.0);
    }
}
