package dev.exdetect.features.minhash;

/**
 * A client's most recent query signatures, in a fixed-size ring, each with the fingerprint of the
 * request parameters it was sent with, and a near-duplicate lookup.
 *
 * <p>Bounded state: {@code capacity * (64 + 4)} bytes plus three ints, whatever the client's
 * volume. Public fields and a no-argument constructor make it a Flink POJO (no Kryo fallback).
 */
public class RecentSignatures {
    /** Signatures, {@link MinHasher#SIGNATURE_LENGTH} bytes each, in ring order. */
    public byte[] ring;

    /** Parameter fingerprint of each stored signature's request (0: no parameters). */
    public int[] paramsFingerprints;

    /** Number of valid entries (at most the capacity). */
    public int size;

    /** Slot the next signature goes into. */
    public int next;

    /** For Flink's POJO serializer. */
    public RecentSignatures() {}

    /** An empty ring holding up to {@code capacity} signatures. */
    public static RecentSignatures withCapacity(int capacity) {
        RecentSignatures r = new RecentSignatures();
        r.ring = new byte[capacity * MinHasher.SIGNATURE_LENGTH];
        r.paramsFingerprints = new int[capacity];
        return r;
    }

    /** How many signatures fit. */
    public int capacity() {
        return paramsFingerprints.length;
    }

    /**
     * The highest estimated Jaccard similarity between {@code signature} and a stored signature
     * that shares an LSH band with it, or 0 when none does. Candidates come from banding; the
     * estimate then confirms them, as in a classic LSH index.
     */
    public double maxSimilarity(byte[] signature) {
        return scan(signature, 0, 1.0).bestCandidate;
    }

    /**
     * Compares {@code signature} with every stored one: the best similarity among LSH candidates,
     * the best over all (for distance features), and whether a candidate at or above {@code
     * threshold} was sent with a parameter fingerprint other than {@code paramsFingerprint}.
     */
    public Scan scan(byte[] signature, int paramsFingerprint, double threshold) {
        Scan result = new Scan();
        for (int i = 0; i < size; i++) {
            int comparison = Signatures.compare(ring, i * MinHasher.SIGNATURE_LENGTH, signature, 0);
            double similarity = Signatures.jaccardFromMatches(comparison & ~Signatures.SHARED_BAND);
            result.bestOverall = Math.max(result.bestOverall, similarity);
            if ((comparison & Signatures.SHARED_BAND) != 0) {
                result.bestCandidate = Math.max(result.bestCandidate, similarity);
                if (similarity >= threshold && paramsFingerprints[i] != paramsFingerprint) {
                    result.nearDuplicateWithOtherParams = true;
                }
            }
        }
        return result;
    }

    /**
     * Stores {@code signature}, sent with parameters {@code paramsFingerprint}, evicting the oldest
     * when full.
     */
    public void add(byte[] signature, int paramsFingerprint) {
        System.arraycopy(
                signature, 0, ring, next * MinHasher.SIGNATURE_LENGTH, MinHasher.SIGNATURE_LENGTH);
        paramsFingerprints[next] = paramsFingerprint;
        next = (next + 1) % capacity();
        size = Math.min(size + 1, capacity());
    }

    /** Stores {@code signature} with no parameter fingerprint. */
    public void add(byte[] signature) {
        add(signature, 0);
    }

    /** The outcome of {@link #scan}. */
    public static final class Scan {
        /** Best similarity among stored signatures sharing an LSH band; 0 when none. */
        public double bestCandidate;

        /** Best similarity over all stored signatures; 0 when the ring is empty. */
        public double bestOverall;

        /** A near-duplicate candidate was sent with different parameters. */
        public boolean nearDuplicateWithOtherParams;
    }
}
