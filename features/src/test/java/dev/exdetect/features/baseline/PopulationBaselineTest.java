package dev.exdetect.features.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PopulationBaselineTest {
    /** 101 clients with requests_total 0..100 and near_duplicate_ratio 0.5 for all. */
    private static PopulationBaseline uniform() {
        List<FeatureVector> population = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            population.add(
                    new FeatureVector()
                            .set(Feature.REQUESTS_TOTAL, i)
                            .set(Feature.NEAR_DUPLICATE_RATIO, 0.5));
        }
        return PopulationBaseline.fit(population);
    }

    @Test
    void quantilesAndPercentilesOfAKnownPopulation() {
        PopulationBaseline b = uniform();
        assertThat(b.quantiles(Feature.REQUESTS_TOTAL))
                .containsExactly(0, 1, 5, 10, 25, 50, 75, 90, 95, 99, 100);
        assertThat(b.samples(Feature.REQUESTS_TOTAL)).isEqualTo(101);
        assertThat(b.percentile(Feature.REQUESTS_TOTAL, 50)).isEqualTo(0.5);
        assertThat(b.percentile(Feature.REQUESTS_TOTAL, 37.5)).isCloseTo(0.375, within(1e-12));
        assertThat(b.percentile(Feature.REQUESTS_TOTAL, -1)).isZero();
        assertThat(b.percentile(Feature.REQUESTS_TOTAL, 1000)).isEqualTo(1);
        // Everyone shares one value: it sits in the middle.
        assertThat(b.percentile(Feature.NEAR_DUPLICATE_RATIO, 0.5)).isEqualTo(0.5);
        assertThat(b.percentile(Feature.NEAR_DUPLICATE_RATIO, 0.9)).isEqualTo(1);
        // Unknown feature or value.
        assertThat(b.percentile(Feature.LABEL_ENTROPY, 1)).isNaN();
        assertThat(b.percentile(Feature.REQUESTS_TOTAL, Double.NaN)).isNaN();
    }

    @Test
    void twoSidedTailIsSmallAtBothExtremes() {
        PopulationBaseline b = uniform();
        assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, 50)).isEqualTo(1.0);
        assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, 1)).isCloseTo(0.02, within(1e-12));
        assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, 99)).isCloseTo(0.02, within(1e-12));
        assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, 500)).isZero();
        // Property: symmetric around the median of a symmetric population.
        for (double x = 0; x <= 100; x += 0.5) {
            assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, x))
                    .isCloseTo(b.twoSidedTail(Feature.REQUESTS_TOTAL, 100 - x), within(1e-9));
        }
    }

    @Test
    void survivesAJsonRoundTripAndRefusesBadFiles() {
        PopulationBaseline b = uniform();
        PopulationBaseline back = PopulationBaseline.fromJson(b.toJson());
        assertThat(back.features()).isEqualTo(b.features());
        for (Feature f : b.features()) {
            assertThat(back.quantiles(f)).containsExactly(b.quantiles(f));
            assertThat(back.samples(f)).isEqualTo(b.samples(f));
        }
        assertThatThrownBy(() -> PopulationBaseline.fromJson("{\"schema\":\"other\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema");
        String unknown = b.toJson().replace("requests_total", "requests_totl");
        assertThatThrownBy(() -> PopulationBaseline.fromJson(unknown))
                .hasMessageContaining("unknown feature 'requests_totl'");
        assertThatThrownBy(() -> PopulationBaseline.fromJson("not json"))
                .hasMessageContaining("not valid JSON");
    }
}
