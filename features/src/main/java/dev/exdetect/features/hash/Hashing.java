package dev.exdetect.features.hash;

import java.nio.charset.StandardCharsets;

/**
 * Fast, deterministic 64-bit hashing for feature extraction.
 *
 * <p>Every hash here is a pure function of its input, identical across JVMs and runs, because
 * feature values (and so alert ids) must be the same live and in replay. {@link String#hashCode()}
 * is deterministic too, but 32 bits collide too often for MinHash over millions of queries.
 */
public final class Hashing {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hashing() {}

    /** Murmur3's 64-bit finalizer: turns a weakly mixed value into a well distributed one. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Hashes {@code length} chars of {@code chars} starting at {@code offset}. */
    public static long hashChars(char[] chars, int offset, int length) {
        long h = FNV_OFFSET;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ chars[i]) * FNV_PRIME;
        }
        return mix64(h ^ length);
    }

    /** Hashes a string, char by char; equal to {@link #hashChars} over its chars. */
    public static long hashString(CharSequence s) {
        long h = FNV_OFFSET;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return mix64(h ^ length);
    }

    /** Hashes the UTF-8 bytes of a string; use for identifiers shown to people. */
    public static long hashUtf8(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * FNV_PRIME;
        }
        return mix64(h);
    }

    /** Combines two hashes in an order-dependent way (for sequences such as word shingles). */
    public static long combine(long a, long b) {
        return mix64(a * 31 + Long.rotateLeft(b, 23) + 0x9e3779b97f4a7c15L);
    }
}
