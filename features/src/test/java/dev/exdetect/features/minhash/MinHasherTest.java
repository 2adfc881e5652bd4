package dev.exdetect.features.minhash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {

    @Test
    void emptySetHasNoSignature() {
        assertThat(MinHasher.signature(new long[0], 0)).isNull();
        // Only the first `count` entries are the set: none here, whatever the array holds.
        assertThat(MinHasher.signature(new long[] {1, 2, 3}, 0)).isNull();
    }

    @Test
    void signatureHasOneBytePerValue() {
        byte[] sig = MinHasher.signature(new long[] {42L}, 1);
        assertThat(sig).hasSize(MinHasher.SIGNATURE_LENGTH).hasSize(64);
    }

    @Test
    void signatureDependsOnTheSetOnlyNotOrderOrRepetition() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(100);
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = random.nextLong();
            }
            byte[] expected = MinHasher.signature(values, n);

            long[] shuffled = values.clone();
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            assertThat(MinHasher.signature(shuffled, n)).isEqualTo(expected);

            long[] withRepeats = Arrays.copyOf(values, 2 * n);
            for (int i = n; i < 2 * n; i++) {
                withRepeats[i] = values[random.nextInt(n)];
            }
            assertThat(MinHasher.signature(withRepeats, 2 * n)).isEqualTo(expected);

            // Entries past `count` are not part of the set.
            long[] padded = Arrays.copyOf(values, n + 10);
            for (int i = n; i < padded.length; i++) {
                padded[i] = random.nextLong();
            }
            assertThat(MinHasher.signature(padded, n)).isEqualTo(expected);
        }
    }

    @Test
    void setsDifferingInOneElementOf200AgreeOnAlmostAllValues() {
        // A value changes only where the extra element is the minimum (chance 1/200 per value).
        Random random = new Random(2);
        int agreeing = 0;
        int total = 0;
        for (int trial = 0; trial < 200; trial++) {
            List<Set<Long>> pair = ShingleSets.pair(random, 199, 1, 0);
            byte[] a = ShingleSets.signature(pair.get(0), random);
            byte[] b = ShingleSets.signature(pair.get(1), random);
            for (int i = 0; i < a.length; i++) {
                agreeing += a[i] == b[i] ? 1 : 0;
                total++;
            }
        }
        // Expected agreement: J + (1 - J) / 256 with J = 199/200.
        assertThat((double) agreeing / total).isBetween(0.98, 1.0);
    }

    @Test
    void valuesAreUniformBytesSoUnrelatedSetsAgreeByChanceAboutOnceIn256() {
        // The Jaccard correction assumes unrelated one-byte values agree with chance 1/256.
        Random random = new Random(3);
        int matches = 0;
        int comparisons = 0;
        int[] histogram = new int[256];
        for (int trial = 0; trial < 2000; trial++) {
            List<Set<Long>> pair =
                    ShingleSets.pair(random, 0, 1 + random.nextInt(50), 1 + random.nextInt(50));
            byte[] a = ShingleSets.signature(pair.get(0), random);
            byte[] b = ShingleSets.signature(pair.get(1), random);
            for (int i = 0; i < a.length; i++) {
                matches += a[i] == b[i] ? 1 : 0;
                comparisons++;
                histogram[a[i] & 0xff]++;
            }
        }
        // 128,000 comparisons: expect 500 matches, standard deviation about 22.
        assertThat(matches).isBetween(400, 600);
        // Chi-square of the byte histogram, 255 degrees of freedom: mean 255, sd about 22.6.
        double expected = (double) comparisons / 256;
        double chi2 = 0;
        for (int count : histogram) {
            chi2 += (count - expected) * (count - expected) / expected;
        }
        assertThat(chi2).isLessThan(255 + 5 * 22.6);
    }
}
