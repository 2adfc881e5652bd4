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
 * <p>The hash functions are multiply-shift hashes (Dietzfelbinger et al. 1997) of the shingle's
 * mixed 64-bit hash: {@code (m_j * mix64(shingle)) >>> 32} with fixed random odd multipliers {@code
 * m_j}. Each shingle is mixed once and then costs one multiplication per value, about a third of
 * the work of mixing it afresh for every value; the mixing makes the multiplied keys uniformly
 * random, which is what lets this simple family behave like random permutations here. Deterministic
 * and thread-safe.
 */
public final class MinHasher {
    /** Values per signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final long[] MULTIPLIERS = new long[SIGNATURE_LENGTH];

    /** Seed of the one-permutation hash. */
    private static final long ONE_PERMUTATION_SEED;

    static {
        long s = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < MULTIPLIERS.length; i++) {
            s = Hashing.mix64(s + 0x9E3779B97F4A7C15L);
            MULTIPLIERS[i] = s | 1; // odd: multiplication is then a bijection
        }
        ONE_PERMUTATION_SEED = Hashing.mix64(s);
    }

    /** Bits of a hash that choose its bin in one-permutation hashing. */
    private static final int BIN_BITS = 6;

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
            long key = Hashing.mix64(shingles[i]);
            for (int j = 0; j < SIGNATURE_LENGTH; j++) {
                minima[j] = Math.min(minima[j], (int) ((key * MULTIPLIERS[j]) >>> 32));
            }
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        for (int j = 0; j < SIGNATURE_LENGTH; j++) {
            signature[j] = (byte) minima[j];
        }
        return signature;
    }

    /**
     * Returns a one-permutation signature (Li, Owen and Zhang 2012) of the first {@code count}
     * shingle hashes, or null when there are none: one hash per shingle, whose top bits choose one
     * of the {@link #SIGNATURE_LENGTH} bins and whose low bits compete for that bin's minimum.
     * Empty bins are filled by optimal densification (Shrivastava 2017): each borrows the value of
     * a non-empty bin chosen by a fixed hash sequence, so equal sets still get equal signatures and
     * the collision probability per position stays the Jaccard similarity.
     *
     * <p>It costs one hash per shingle instead of 32, which matters for character shingles (about
     * 150 for a 30-word prompt); its estimates are as accurate as {@link #signature}'s once the set
     * has about as many elements as there are bins, which character-shingle sets of prompts do.
     * Compare one-permutation signatures only with each other.
     */
    public static byte[] onePermutationSignature(long[] shingles, int count) {
        if (count == 0) {
            return null;
        }
        int[] minima = new int[SIGNATURE_LENGTH];
        Arrays.fill(minima, Integer.MAX_VALUE);
        long filled = 0;
        for (int i = 0; i < count; i++) {
            long h = Hashing.mix64(shingles[i] ^ ONE_PERMUTATION_SEED);
            int bin = (int) (h >>> (Long.SIZE - BIN_BITS));
            minima[bin] = Math.min(minima[bin], (int) h & Integer.MAX_VALUE);
            filled |= 1L << bin;
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        for (int j = 0; j < SIGNATURE_LENGTH; j++) {
            int donor = j;
            for (int attempt = 0; (filled & (1L << donor)) == 0; attempt++) {
                donor =
                        (int)
                                (Hashing.mix64(((long) j << 32) + attempt)
                                        >>> (Long.SIZE - BIN_BITS));
            }
            signature[j] = (byte) minima[donor];
        }
        return signature;
    }
}
