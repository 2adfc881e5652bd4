package dev.exdetect.features.family;

import dev.exdetect.features.sketch.HyperLogLog;
import dev.exdetect.features.sketch.IntRing;
import dev.exdetect.features.sketch.SeenCells;

/** What {@link CoverageFeatures} remembers about a client: about 1.9 KiB. A Flink POJO. */
public class CoverageState {
    /** Distinct cells over the whole history. */
    public HyperLogLog allCells;

    /** Recently visited cells, for the new-cell test. */
    public SeenCells seen;

    /** The last 64 cells (low 32 bits), for the entropy. */
    public IntRing recentCells;

    /** New-cell indicator, exponentially weighted over about 64 requests. */
    public double newRateFast;

    /** New-cell indicator, exponentially weighted over about 512 requests. */
    public double newRateSlow;

    /** Requests that had a cell. */
    public long cellRequests;

    /** For Flink's POJO serializer. */
    public CoverageState() {}
}
