package dev.exdetect.features.linkage;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.sketch.HyperLogLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Computes the cluster-scope {@link Feature}s of a cluster from its members and its links. */
public final class ClusterFeatures {
    /** Active slots two members need together before their synchronization is judged. */
    static final int MIN_TIMING_SLOTS = 6;

    private ClusterFeatures() {}

    /**
     * The features of the cluster of {@code members} tied by {@code links} (its strong edges), as
     * of event time {@code t}.
     */
    public static FeatureVector compute(List<MemberProfile> members, List<LinkEdge> links, long t) {
        FeatureVector v = new FeatureVector();
        v.set(Feature.CLUSTER_SIZE, members.size());
        long hour = 0;
        long day = 0;
        long busiest = 0;
        double cellSum = 0;
        List<HyperLogLog> cells = new ArrayList<>(members.size());
        double[] cvs = new double[members.size()];
        int withCv = 0;
        for (MemberProfile m : members) {
            hour += m.perHour.count(t);
            long d = m.perDay.count(t);
            day += d;
            busiest = Math.max(busiest, d);
            cellSum += m.cells.estimate();
            cells.add(m.cells);
            if (m.gaps.count >= 3) {
                cvs[withCv++] = m.gaps.coefficientOfVariation();
            }
        }
        v.set(Feature.CLUSTER_REQUESTS_LAST_HOUR, hour);
        v.set(Feature.CLUSTER_REQUESTS_LAST_DAY, day);
        v.set(Feature.CLUSTER_MAX_MEMBER_SHARE, day == 0 ? 0 : (double) busiest / day);
        double union = HyperLogLog.unionEstimate(cells);
        v.set(Feature.CLUSTER_DISTINCT_CELLS, union);
        if (union >= 1) {
            v.set(Feature.CLUSTER_CELL_OVERLAP, cellSum / union);
        }
        if (!links.isEmpty()) {
            double strength = 0;
            for (LinkEdge e : links) {
                strength += LinkPolicy.strength(e.groupWeights);
            }
            v.set(Feature.CLUSTER_LINK_STRENGTH, strength / links.size());
            v.set(Feature.CLUSTER_ACTIVITY_SYNC, meanSync(members, links));
        }
        if (withCv > 0) {
            double[] sorted = Arrays.copyOf(cvs, withCv);
            Arrays.sort(sorted);
            v.set(Feature.CLUSTER_INTER_ARRIVAL_CV, sorted[withCv / 2]);
        }
        return v;
    }

    private static double meanSync(List<MemberProfile> members, List<LinkEdge> links) {
        java.util.Map<String, MemberProfile> byId = new java.util.HashMap<>();
        members.forEach(m -> byId.put(m.clientKey, m));
        double sum = 0;
        int n = 0;
        for (LinkEdge e : links) {
            MemberProfile a = byId.get(e.a);
            MemberProfile b = byId.get(e.b);
            if (a != null && b != null) {
                sum += ActivityPattern.similarity(a.activity, b.activity, MIN_TIMING_SLOTS);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
