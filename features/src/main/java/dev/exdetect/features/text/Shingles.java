package dev.exdetect.features.text;

import dev.exdetect.features.hash.Hashing;

/**
 * Hashes word shingles (runs of {@code k} consecutive words) and character shingles (runs of {@code
 * k} consecutive chars) into 64-bit values, the sets that MinHash signatures summarise.
 *
 * <p>Both write into a caller-supplied array, grown when needed and returned, so the hot path
 * allocates nothing once warm. A sequence shorter than {@code k} yields one shingle of all of it,
 * so that short queries still get a signature.
 */
public final class Shingles {
    private Shingles() {}

    /**
     * Word shingles of {@code tokens[from, to)}; returns the array holding them (maybe {@code out}
     * itself) and stores their number in {@code count[0]}.
     */
    public static long[] words(int[] tokens, int from, int to, int k, long[] out, int[] count) {
        int n = to - from;
        if (n <= 0) {
            count[0] = 0;
            return out;
        }
        int shingles = Math.max(1, n - k + 1);
        int width = Math.min(k, n);
        long[] dest = out.length >= shingles ? out : new long[Math.max(shingles, out.length * 2)];
        for (int s = 0; s < shingles; s++) {
            long h = Hashing.mix64(tokens[from + s]);
            for (int j = 1; j < width; j++) {
                h = Hashing.combine(h, tokens[from + s + j]);
            }
            dest[s] = h;
        }
        count[0] = shingles;
        return dest;
    }

    /**
     * Character shingles of {@code chars[0, length)}; returns the array holding them (maybe {@code
     * out} itself) and stores their number in {@code count[0]}.
     */
    public static long[] chars(char[] chars, int length, int k, long[] out, int[] count) {
        if (length <= 0) {
            count[0] = 0;
            return out;
        }
        int shingles = Math.max(1, length - k + 1);
        int width = Math.min(k, length);
        long[] dest = out.length >= shingles ? out : new long[Math.max(shingles, out.length * 2)];
        for (int s = 0; s < shingles; s++) {
            dest[s] = Hashing.hashChars(chars, s, width);
        }
        count[0] = shingles;
        return dest;
    }
}
