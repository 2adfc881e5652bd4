package dev.exdetect.features.minhash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Operations on b-bit MinHash signatures stored in flat byte arrays: Jaccard estimates and LSH band
 * keys.
 *
 * <p>Banding: the {@value MinHasher#SIGNATURE_LENGTH} one-byte values form {@value #BANDS} bands of
 * {@value #ROWS_PER_BAND}; two texts are LSH candidates when any band is equal. With Jaccard
 * similarity s the chance of that is {@code 1 - (1 - s^4)^16}: 0.12 at s=0.3, 0.64 at s=0.5, 0.89
 * at s=0.6, 0.99 at s=0.7, 0.9996 at s=0.8.
 */
public final class Signatures {
    /** Number of LSH bands. */
    public static final int BANDS = 16;

    /** Signature values per band. */
    public static final int ROWS_PER_BAND = MinHasher.SIGNATURE_LENGTH / BANDS;

    /** Chance that two unrelated values agree in their lowest 8 bits. */
    private static final double RANDOM_MATCH = 1.0 / 256;

    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    private static final VarHandle INT_VIEW =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_VIEW =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Signatures() {}

    /** The band key of band {@code band} of the signature starting at {@code offset}. */
    public static int bandKey(byte[] signatures, int offset, int band) {
        return (int) INT_VIEW.get(signatures, offset + band * ROWS_PER_BAND);
    }

    /** True when the two signatures share at least one band (an LSH candidate pair). */
    public static boolean shareBand(byte[] a, int aOffset, byte[] b, int bOffset) {
        for (int band = 0; band < BANDS; band++) {
            if (bandKey(a, aOffset, band) == bandKey(b, bOffset, band)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Compares two signatures in one pass: returns the number of equal positions, plus {@link
     * #SHARED_BAND} when at least one LSH band is equal (a band is a 4-byte half of one of the
     * eight 8-byte words compared).
     */
    public static int compare(byte[] a, int aOffset, byte[] b, int bOffset) {
        int matches = 0;
        boolean sharedBand = false;
        for (int i = 0; i < MinHasher.SIGNATURE_LENGTH; i += Long.BYTES) {
            long x = (long) LONG_VIEW.get(a, aOffset + i) ^ (long) LONG_VIEW.get(b, bOffset + i);
            long nonZeroLow = (x & LOW7) + LOW7;
            matches += Long.bitCount(~(nonZeroLow | x | LOW7));
            sharedBand |= (int) x == 0 || (int) (x >>> 32) == 0;
        }
        return sharedBand ? matches | SHARED_BAND : matches;
    }

    /** Flag set in {@link #compare}'s result when the signatures share an LSH band. */
    public static final int SHARED_BAND = 1 << 16;

    /** Number of positions at which the two signatures hold the same value. */
    public static int matches(byte[] a, int aOffset, byte[] b, int bOffset) {
        int matches = 0;
        // Eight values at a time: count the zero bytes of a XOR b.
        for (int i = 0; i < MinHasher.SIGNATURE_LENGTH; i += Long.BYTES) {
            long x = (long) LONG_VIEW.get(a, aOffset + i) ^ (long) LONG_VIEW.get(b, bOffset + i);
            long nonZeroLow = (x & LOW7) + LOW7; // high bit set where the low 7 bits are not 0
            matches += Long.bitCount(~(nonZeroLow | x | LOW7)); // high bit set where byte is 0
        }
        return matches;
    }

    /**
     * Estimates the Jaccard similarity of the sets behind two signatures, correcting for the chance
     * agreement of 8-bit values (Li and König 2010).
     */
    public static double estimateJaccard(byte[] a, int aOffset, byte[] b, int bOffset) {
        return jaccardFromMatches(matches(a, aOffset, b, bOffset));
    }

    /** The Jaccard estimate for a number of equal signature positions. */
    public static double jaccardFromMatches(int matches) {
        double p = (double) matches / MinHasher.SIGNATURE_LENGTH;
        return Math.max(0.0, (p - RANDOM_MATCH) / (1 - RANDOM_MATCH));
    }
}
