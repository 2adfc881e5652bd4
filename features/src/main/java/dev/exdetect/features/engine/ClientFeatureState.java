package dev.exdetect.features.engine;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.family.CoverageState;
import dev.exdetect.features.family.ResponseState;
import dev.exdetect.features.family.TextState;
import dev.exdetect.features.family.TimingState;
import dev.exdetect.features.family.VectorState;

/**
 * Everything the feature engine remembers about one client, one part per feature family. Its size
 * is fixed by the {@link FeatureConfig}, whatever the client's volume: at most {@link
 * #MAX_SERIALIZED_BYTES} serialized with the defaults (the per-structure budget is in
 * docs/FEATURES.md). The text and vector parts are created on the client's first text or vector
 * query, so a client that only sends one kind pays only for it. A Flink POJO: public fields,
 * no-argument constructor, nested POJOs and primitive arrays only.
 */
public class ClientFeatureState {
    /** Upper bound, in bytes, of this state serialized by Flink's POJO serializer (defaults). */
    public static final int MAX_SERIALIZED_BYTES = 16 * 1024;

    public long requestCount;
    public long firstSeenMillis;
    public long lastSeenMillis;
    public TimingState timing;
    public CoverageState coverage;
    public ResponseState responses;

    /** Null until the client's first text query. */
    public TextState text;

    /** Null until the client's first vector query. */
    public VectorState vectors;

    /** For Flink's POJO serializer. */
    public ClientFeatureState() {}
}
