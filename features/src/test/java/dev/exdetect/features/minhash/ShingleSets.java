package dev.exdetect.features.minhash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Test helper: random pairs of shingle-hash sets with a chosen overlap. */
final class ShingleSets {
    private ShingleSets() {}

    /** Two sets: {@code shared} common elements, {@code onlyA} and {@code onlyB} private ones. */
    static List<Set<Long>> pair(Random random, int shared, int onlyA, int onlyB) {
        Set<Long> all = new LinkedHashSet<>();
        while (all.size() < shared + onlyA + onlyB) {
            all.add(random.nextLong());
        }
        List<Long> values = new ArrayList<>(all);
        Set<Long> a = new HashSet<>(values.subList(0, shared + onlyA));
        Set<Long> b = new HashSet<>(values.subList(0, shared));
        b.addAll(values.subList(shared + onlyA, values.size()));
        return List.of(a, b);
    }

    /** Exact Jaccard similarity, computed with set operations. */
    static double jaccard(Set<Long> a, Set<Long> b) {
        Set<Long> intersection = new HashSet<>(a);
        intersection.retainAll(b);
        Set<Long> union = new HashSet<>(a);
        union.addAll(b);
        return (double) intersection.size() / union.size();
    }

    /** The elements of {@code set} in random order, as the array MinHasher reads. */
    static long[] array(Set<Long> set, Random random) {
        List<Long> list = new ArrayList<>(set);
        Collections.shuffle(list, random);
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    static byte[] signature(Set<Long> set, Random random) {
        long[] values = array(set, random);
        return MinHasher.signature(values, values.length);
    }
}
