package dev.exdetect.features.family;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.sketch.HyperLogLog;
import dev.exdetect.features.sketch.IntRing;
import dev.exdetect.features.sketch.SeenCells;

/**
 * Query-space coverage and its growth (Kesarwani et al. 2018; CAP): how many distinct cells of the
 * input space a client has touched, how often it still finds new ones, and whether that rate is
 * holding up (extraction keeps exploring) or decaying (a person's interests saturate).
 */
public final class CoverageFeatures {
    /** Weight of the recent new-cell rate: about the last 64 requests. */
    static final double FAST = 1.0 / 64;

    /** Weight of the long-run new-cell rate: about the last 512 requests. */
    static final double SLOW = 1.0 / 512;

    /** Requests with a cell before the trend is reported. */
    static final int MIN_TREND_REQUESTS = 128;

    /** Cells kept for the entropy. */
    public static final int RECENT_CELLS = 64;

    private CoverageFeatures() {}

    /** Fresh state. */
    public static CoverageState newState() {
        CoverageState s = new CoverageState();
        s.allCells = HyperLogLog.create();
        s.seen = SeenCells.create();
        s.recentCells = IntRing.withCapacity(RECENT_CELLS);
        return s;
    }

    /** Records a visit to {@code cell} (a non-zero well mixed hash). */
    public static void update(CoverageState s, long cell) {
        s.allCells.add(cell);
        double fill = s.seen.fill();
        boolean isNew = s.seen.visit(Hashing.mix64(cell ^ 0x3C6EF372FE94F82BL));
        // Unbiased for the true new-cell indicator: a new cell looks new with chance 1 - fill.
        double indicator = isNew ? 1 / (1 - fill) : 0;
        if (s.cellRequests == 0) {
            s.newRateFast = indicator;
            s.newRateSlow = indicator;
        } else {
            s.newRateFast += FAST * (indicator - s.newRateFast);
            s.newRateSlow += SLOW * (indicator - s.newRateSlow);
        }
        s.recentCells.add((int) cell);
        s.cellRequests++;
    }

    /** Writes the coverage features; nothing before the first request with a cell. */
    public static void report(CoverageState s, FeatureVector v) {
        if (s.cellRequests == 0) {
            return;
        }
        double distinct = Math.min(s.allCells.estimate(), s.cellRequests);
        v.set(Feature.DISTINCT_CELLS_TOTAL, Math.round(distinct));
        v.set(Feature.CELLS_PER_REQUEST, distinct / s.cellRequests);
        v.set(Feature.NEW_CELL_RATE, clamp01(s.newRateFast));
        if (s.cellRequests >= MIN_TREND_REQUESTS && s.newRateSlow > 0) {
            v.set(Feature.NEW_CELL_RATE_TREND, clamp01(s.newRateFast) / clamp01(s.newRateSlow));
        }
        int n = s.recentCells.size;
        v.set(
                Feature.CELL_ENTROPY,
                n <= 1
                        ? 0
                        : Math.min(1, s.recentCells.entropyBits() / (Math.log(n) / Math.log(2))));
    }

    private static double clamp01(double x) {
        return Math.max(0, Math.min(1, x));
    }
}
