package dev.exdetect.features.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.minhash.MinHasher;
import dev.exdetect.features.minhash.Signatures;
import dev.exdetect.features.sketch.HyperLogLog;
import dev.exdetect.features.window.SlidingWindowCounter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the sketches and windows that must hold for every input, checked with jqwik on
 * generated cases (fixed seeds, so a run is reproducible and CI never flakes on a rare draw; the
 * error bounds are five standard errors of each estimator).
 */
class SketchPropertiesTest {
    /** The sliding window counts exactly the events in its buckets, whatever the gaps. */
    @Property(seed = "20261129", tries = 300)
    void slidingWindowCountsTheEventsOfItsBuckets(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 20_000) Integer> gaps,
            @ForAll @IntRange(min = 1, max = 24) int buckets) {
        long bucketMillis = 5_000;
        SlidingWindowCounter counter = SlidingWindowCounter.of(buckets, bucketMillis);
        List<Long> times = new ArrayList<>();
        long t = 1_700_000_000_000L;
        for (int gap : gaps) {
            t += gap;
            times.add(t);
            counter.add(t);
        }
        long newest = Math.floorDiv(t, bucketMillis);
        long expected =
                times.stream()
                        .filter(x -> Math.floorDiv(x, bucketMillis) > newest - buckets)
                        .count();
        assertThat(counter.count(t)).isEqualTo(expected);
        assertThat(counter.count(t + buckets * bucketMillis)).as("all expired").isZero();
    }

    /** HyperLogLog (512 registers) estimates a distinct count within five standard errors. */
    @Property(seed = "20261129", tries = 100)
    void hyperLogLogEstimatesDistinctCounts(
            @ForAll @IntRange(min = 1, max = 50_000) int distinct, @ForAll long salt) {
        HyperLogLog hll = HyperLogLog.create();
        for (int i = 0; i < distinct; i++) {
            long h = Hashing.mix64(salt + i);
            hll.add(h);
            hll.add(h); // repeats do not count
        }
        double relativeError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        assertThat(hll.estimate())
                .isBetween(
                        distinct * (1 - 5 * relativeError) - 2,
                        distinct * (1 + 5 * relativeError) + 2);
    }

    /**
     * MinHash signatures estimate the Jaccard similarity of two sets within five standard errors.
     */
    @Property(seed = "20261129", tries = 200)
    void minHashEstimatesJaccard(
            @ForAll @IntRange(min = 20, max = 400) int shared,
            @ForAll @IntRange(min = 0, max = 400) int onlyA,
            @ForAll @IntRange(min = 0, max = 400) int onlyB,
            @ForAll long salt) {
        long[] a = new long[shared + onlyA];
        long[] b = new long[shared + onlyB];
        int k = 0;
        for (int i = 0; i < shared; i++) {
            a[i] = b[i] = Hashing.mix64(salt + k++);
        }
        for (int i = 0; i < onlyA; i++) {
            a[shared + i] = Hashing.mix64(salt + k++);
        }
        for (int i = 0; i < onlyB; i++) {
            b[shared + i] = Hashing.mix64(salt + k++);
        }
        double truth = (double) shared / (shared + onlyA + onlyB);
        double estimate =
                Signatures.estimateJaccard(
                        MinHasher.signature(a, a.length), 0, MinHasher.signature(b, b.length), 0);
        double standardError =
                Math.sqrt(Math.max(truth * (1 - truth), 0.02) / MinHasher.SIGNATURE_LENGTH);
        assertThat(estimate).isBetween(truth - 5 * standardError, truth + 5 * standardError);
    }

    /** A baseline's percentile never falls as the value rises, and its tail stays in [0, 1]. */
    @Property(seed = "20261129", tries = 200)
    void populationPercentilesAreMonotone(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> xs,
            @ForAll @DoubleRange(min = -2e6, max = 2e6) double v,
            @ForAll @DoubleRange(min = 0, max = 1e5) double step) {
        List<FeatureVector> population = new ArrayList<>();
        for (double x : xs) {
            FeatureVector f = new FeatureVector();
            f.set(Feature.REQUESTS_TOTAL, x);
            population.add(f);
        }
        PopulationBaseline b = PopulationBaseline.fit(population);
        double p = b.percentile(Feature.REQUESTS_TOTAL, v);
        double q = b.percentile(Feature.REQUESTS_TOTAL, v + step);
        assertThat(p).isBetween(0.0, 1.0);
        assertThat(q).isGreaterThanOrEqualTo(p);
        // Close to the share of the population below v: within the widest gap between the
        // stored quantile levels (0.25) plus one client's share, since the baseline interpolates
        // linearly where the empirical distribution steps.
        int n = xs.size();
        double below = xs.stream().filter(x -> x < v).count() / (double) n;
        double atOrBelow = xs.stream().filter(x -> x <= v).count() / (double) n;
        double slack = 0.25 + 1.0 / n;
        assertThat(p).isBetween(below - slack, atOrBelow + slack);
        if (below == 1) {
            assertThat(p).as("above every normal client").isEqualTo(1.0);
        }
        if (atOrBelow == 0) {
            assertThat(p).as("below every normal client").isEqualTo(0.0);
        }
        assertThat(b.twoSidedTail(Feature.REQUESTS_TOTAL, v)).isBetween(0.0, 1.0);
    }
}
