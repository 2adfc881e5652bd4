package dev.exdetect.features.minhash;

/**
 * A client's most recent query signatures, in a fixed-size ring, with near-duplicate lookup.
 *
 * <p>Bounded state: {@code capacity * 64} bytes plus a few counters, whatever the client's volume.
 * Public fields and a no-argument constructor make it a Flink POJO (no Kryo fallback).
 */
public class RecentSignatures {
    /** Signatures, {@link MinHasher#SIGNATURE_LENGTH} bytes each, in ring order. */
    public byte[] ring;

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
        return r;
    }

    /** How many signatures fit. */
    public int capacity() {
        return ring.length / MinHasher.SIGNATURE_LENGTH;
    }

    /**
     * The highest estimated Jaccard similarity between {@code signature} and a stored signature
     * that shares an LSH band with it, or 0 when none does. Candidates come from banding; the
     * estimate then confirms them, as in a classic LSH index.
     */
    public double maxSimilarity(byte[] signature) {
        double best = 0;
        for (int i = 0; i < size; i++) {
            int offset = i * MinHasher.SIGNATURE_LENGTH;
            if (Signatures.shareBand(ring, offset, signature, 0)) {
                best = Math.max(best, Signatures.estimateJaccard(ring, offset, signature, 0));
            }
        }
        return best;
    }

    /** Stores {@code signature}, evicting the oldest when full. */
    public void add(byte[] signature) {
        System.arraycopy(
                signature, 0, ring, next * MinHasher.SIGNATURE_LENGTH, MinHasher.SIGNATURE_LENGTH);
        next = (next + 1) % capacity();
        size = Math.min(size + 1, capacity());
    }
}
