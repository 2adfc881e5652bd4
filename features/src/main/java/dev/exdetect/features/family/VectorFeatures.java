package dev.exdetect.features.family;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.sketch.FloatRing;
import dev.exdetect.features.vector.VectorReservoir;

/**
 * PRADA (Juuti et al. 2019) on vector inputs: each query's minimum distance to the client's earlier
 * queries of the same predicted class, and the Shapiro-Wilk normality of those distances. Natural
 * inputs give roughly normal distances; synthetic queries crafted around earlier ones
 * (Papernot-style augmentation, boundary search) do not.
 */
public final class VectorFeatures {
    /** Earlier queries kept for distances. */
    public static final int RESERVOIR = 32;

    /** Distances kept for the normality test. */
    public static final int DISTANCES = 64;

    private VectorFeatures() {}

    /** Fresh state. */
    public static VectorState newState() {
        VectorState s = new VectorState();
        s.reservoir = VectorReservoir.withCapacity(RESERVOIR);
        s.distances = FloatRing.withCapacity(DISTANCES);
        return s;
    }

    /** Folds a vector observation into {@code s}. */
    public static void update(VectorState s, QueryObservation obs) {
        double d = s.reservoir.minDistance(obs.vectorSketch, obs.labelHash);
        boolean grow = true;
        if (!Double.isNaN(d)) {
            // PRADA's rule: only queries farther than mean - std join the growing set.
            FloatRing ds = s.distances;
            if (ds.size >= 2) {
                grow = d > ds.mean() - ds.standardDeviation();
            }
            ds.add(d);
        }
        if (grow) {
            s.reservoir.add(obs.vectorSketch, obs.labelHash);
        }
    }

    /** Writes the vector features; nothing when the client has sent no vector. */
    public static void report(VectorState s, FeatureVector v) {
        if (s == null || s.distances.size == 0) {
            return;
        }
        double[] sorted = s.distances.sorted();
        v.set(Feature.VECTOR_MIN_DISTANCE_MEDIAN, FloatRing.median(sorted));
        v.set(Feature.VECTOR_DISTANCE_NORMALITY, TextFeatures.normality(sorted));
    }
}
