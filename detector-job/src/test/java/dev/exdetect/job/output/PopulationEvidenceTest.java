package dev.exdetect.job.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.job.model.PopulationEvidence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PopulationEvidenceTest {
    /** Every feature uniform over 0..99 among 100 normal clients. */
    private static PopulationBaseline uniform() {
        List<FeatureVector> normal = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            FeatureVector v = new FeatureVector();
            for (Feature f : Feature.values()) {
                v.set(f, i);
            }
            normal.add(v);
        }
        return PopulationBaseline.fit(normal);
    }

    @Test
    void listsAtMostTenMostUnusualFirstAndSkipsUndefinedValues() {
        Map<String, Double> features = new LinkedHashMap<>();
        Feature[] all = Feature.values();
        for (int i = 0; i < all.length; i++) {
            // Values spread from the median (49.5) outwards; the first feature is undefined.
            features.put(all[i].id(), i == 0 ? Double.NaN : 49.5 + (i % 2 == 0 ? i : -i));
        }
        List<PopulationEvidence.Entry> listed =
                PopulationEvidence.compare(uniform(), features, List.of());
        assertThat(listed).hasSize(PopulationEvidence.MAX_LISTED);
        assertThat(listed)
                .extracting(PopulationEvidence.Entry::feature)
                .doesNotContain(all[0].id());
        for (int i = 1; i < listed.size(); i++) {
            assertThat(listed.get(i).twoSidedTail())
                    .isGreaterThanOrEqualTo(listed.get(i - 1).twoSidedTail());
        }
        // The ten listed are the most unusual: no feature left out is further from the median.
        PopulationBaseline baseline = uniform();
        double leastUnusualListed = listed.get(listed.size() - 1).twoSidedTail();
        for (Map.Entry<String, Double> e : features.entrySet()) {
            boolean isListed = listed.stream().anyMatch(x -> x.feature().equals(e.getKey()));
            if (!isListed && !e.getValue().isNaN()) {
                assertThat(baseline.twoSidedTail(Feature.byId(e.getKey()), e.getValue()))
                        .as(e.getKey())
                        .isGreaterThanOrEqualTo(leastUnusualListed);
            }
        }
        PopulationEvidence.Entry most = listed.get(0);
        assertThat(most.p05()).isCloseTo(4.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(most.median()).isEqualTo(49.5);
        assertThat(most.clients()).isEqualTo(100);
    }

    @Test
    void nothingWithoutABaseline() {
        assertThat(PopulationEvidence.compare(null, Map.of("requests_total", 5.0), List.of()))
                .isEmpty();
    }
}
