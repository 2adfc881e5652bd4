package dev.exdetect.features.minhash;

import dev.exdetect.features.hash.Hashing;
import java.util.Arrays;

/**
 * Computes b-bit MinHash signatures of shingle sets.
 *
 * <p>The signature has {@link #SIGNATURE_LENGTH} values. Each value is the minimum, over the set,
 * of one hash function, of which only the lowest 8 bits are kept (b-bit MinHash, Li and König
 * 2010). Keeping one byte instead of four cuts per-query state from 256 to 64 bytes for a small
 * loss of accuracy that {@link Signatures#estimateJaccard} corrects for.
 *
 * <p>The hash functions are {@code mix64(shingle + seed_j)}; each 64-bit result gives two 32-bit
 * hash values, so 32 mixes per shingle produce the 64 minima. Deterministic and thread-safe.
 */
public final class MinHasher {
    /** Values per signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final long[] SEEDS = new long[SIGNATURE_LENGTH / 2];

    static {
        long s = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < SEEDS.length; i++) {
            s = Hashing.mix64(s + 0x9E3779B97F4A7C15L);
            SEEDS[i] = s;
        }
    }

    private MinHasher() {}

    /**
     * Returns the signature of the first {@code count} shingle hashes, or null when there are none
     * (an empty set has no signature).
     */
    public static byte[] signature(long[] shingles, int count) {
        if (count == 0) {
            return null;
        }
        int[] minima = new int[SIGNATURE_LENGTH];
        Arrays.fill(minima, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            long shingle = shingles[i];
            for (int j = 0; j < SEEDS.length; j++) {
                long h = Hashing.mix64(shingle + SEEDS[j]);
                minima[2 * j] = Math.min(minima[2 * j], (int) (h >>> 32));
                minima[2 * j + 1] = Math.min(minima[2 * j + 1], (int) h);
            }
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        for (int j = 0; j < SIGNATURE_LENGTH; j++) {
            signature[j] = (byte) minima[j];
        }
        return signature;
    }
}
