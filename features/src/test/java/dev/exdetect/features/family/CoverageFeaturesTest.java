package dev.exdetect.features.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.hash.Hashing;
import org.junit.jupiter.api.Test;

class CoverageFeaturesTest {
    private static FeatureVector report(CoverageState s) {
        FeatureVector v = new FeatureVector();
        CoverageFeatures.report(s, v);
        return v;
    }

    @Test
    void coverageOfACyclingSequenceOfTenCells() {
        CoverageState s = CoverageFeatures.newState();
        for (int i = 0; i < 640; i++) {
            CoverageFeatures.update(s, Hashing.mix64(i % 10));
        }
        FeatureVector v = report(s);
        assertThat(v.get(Feature.DISTINCT_CELLS_TOTAL)).isEqualTo(10);
        assertThat(v.get(Feature.CELLS_PER_REQUEST)).isCloseTo(10 / 640.0, within(1e-3));
        // Only the first ten visits were new: the recent rate has decayed to (63/64)^630 * ...
        assertThat(v.get(Feature.NEW_CELL_RATE)).isLessThan(1e-3);
        assertThat(v.get(Feature.NEW_CELL_RATE_TREND)).isLessThan(0.05);
        // The last 64 cells: ten values, four seen 7 times and six seen 6 times.
        double h = -(4 * (7 / 64.0) * Math.log(7 / 64.0) + 6 * (6 / 64.0) * Math.log(6 / 64.0));
        assertThat(v.get(Feature.CELL_ENTROPY)).isCloseTo(h / Math.log(64), within(1e-9));
    }

    @Test
    void anExplorerKeepsFindingNewCellsAtASteadyRate() {
        CoverageState s = CoverageFeatures.newState();
        for (int i = 0; i < 5000; i++) {
            CoverageFeatures.update(s, Hashing.mix64(1_000_000 + i));
        }
        FeatureVector v = report(s);
        assertThat(v.get(Feature.DISTINCT_CELLS_TOTAL)).isCloseTo(5000, within(5000 * 0.2));
        assertThat(v.get(Feature.NEW_CELL_RATE)).isGreaterThan(0.8);
        assertThat(v.get(Feature.NEW_CELL_RATE_TREND)).isCloseTo(1.0, within(0.25));
        assertThat(v.get(Feature.CELL_ENTROPY)).isEqualTo(1.0);
    }

    @Test
    void aUserWhoseInterestsSaturateHasADecliningTrend() {
        // 300 requests over a growing set of 100 cells, then 300 more within those 100.
        CoverageState s = CoverageFeatures.newState();
        for (int i = 0; i < 600; i++) {
            int cell = i < 300 ? i / 3 : i % 100;
            CoverageFeatures.update(s, Hashing.mix64(cell));
        }
        FeatureVector v = report(s);
        assertThat(v.get(Feature.DISTINCT_CELLS_TOTAL)).isCloseTo(100, within(8.0));
        assertThat(v.get(Feature.NEW_CELL_RATE_TREND)).isLessThan(0.2);
    }

    @Test
    void nothingIsReportedBeforeTheFirstCell() {
        assertThat(report(CoverageFeatures.newState()).asMap()).isEmpty();
    }
}
