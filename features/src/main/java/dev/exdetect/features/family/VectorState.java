package dev.exdetect.features.family;

import dev.exdetect.features.sketch.FloatRing;
import dev.exdetect.features.vector.VectorReservoir;

/**
 * What {@link VectorFeatures} remembers about a client that sends vectors: PRADA's growing set
 * (bounded) and the recent minimum distances. Null in {@code ClientFeatureState} until the first
 * vector query. About 2.4 KiB. A Flink POJO.
 */
public class VectorState {
    public VectorReservoir reservoir;
    public FloatRing distances;

    /** For Flink's POJO serializer. */
    public VectorState() {}
}
