package dev.exdetect.job.model;

import dev.exdetect.features.Feature;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.rules.expr.Comparison;
import dev.exdetect.rules.scoring.Firing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an alert's feature values fall among normal clients: the analyst's "is this unusual, and in
 * which direction?". Two-sided, because some extraction is more diverse than normal traffic and
 * some less. Computed from a {@link PopulationBaseline} fitted offline (see {@code baseline fit}).
 */
public final class PopulationEvidence {
    /** Features listed at most per alert. */
    public static final int MAX_LISTED = 10;

    private PopulationEvidence() {}

    /**
     * One feature against the population.
     *
     * @param feature the feature id
     * @param value the client's value
     * @param percentile share of normal clients with a lower value, 0 to 1
     * @param twoSidedTail {@code 2 * min(p, 1 - p)}: 1 at the median, near 0 at either extreme
     * @param p05 the population's 5th percentile
     * @param median the population's median
     * @param p95 the population's 95th percentile
     * @param clients normal clients the quantiles were computed from
     */
    public record Entry(
            String feature,
            double value,
            double percentile,
            double twoSidedTail,
            double p05,
            double median,
            double p95,
            int clients) {}

    /**
     * The features the firing rules crossed, then the most unusual of the others (lowest two-sided
     * tail first), at most {@link #MAX_LISTED}; only features the baseline knows. Empty without a
     * baseline.
     */
    public static List<Entry> compare(
            PopulationBaseline baseline, Map<String, Double> features, List<Firing> firings) {
        if (baseline == null) {
            return List.of();
        }
        Set<Feature> crossed = new LinkedHashSet<>();
        for (Firing f : firings) {
            for (Comparison c : f.crossed()) {
                crossed.add(c.feature());
            }
        }
        List<Entry> first = new ArrayList<>();
        List<Entry> others = new ArrayList<>();
        for (Map.Entry<String, Double> e : features.entrySet()) {
            Feature f = Feature.byId(e.getKey());
            double value = e.getValue();
            if (f == null || Double.isNaN(value) || baseline.quantiles(f) == null) {
                continue;
            }
            (crossed.contains(f) ? first : others).add(entry(baseline, f, value));
        }
        // Ties broken by feature id, so the list is the same live and in replay.
        Comparator<Entry> unusualFirst =
                Comparator.comparingDouble(Entry::twoSidedTail).thenComparing(Entry::feature);
        first.sort(unusualFirst);
        others.sort(unusualFirst);
        List<Entry> listed = new ArrayList<>(first);
        for (Entry e : others) {
            if (listed.size() >= MAX_LISTED) {
                break;
            }
            listed.add(e);
        }
        return List.copyOf(listed.size() > MAX_LISTED ? listed.subList(0, MAX_LISTED) : listed);
    }

    private static Entry entry(PopulationBaseline baseline, Feature f, double value) {
        double[] q = baseline.quantiles(f);
        return new Entry(
                f.id(),
                value,
                baseline.percentile(f, value),
                baseline.twoSidedTail(f, value),
                q[level(0.05)],
                q[level(0.50)],
                q[level(0.95)],
                baseline.samples(f));
    }

    private static int level(double p) {
        for (int i = 0; i < PopulationBaseline.LEVELS.length; i++) {
            if (PopulationBaseline.LEVELS[i] == p) {
                return i;
            }
        }
        throw new IllegalStateException("no quantile at " + p);
    }
}
