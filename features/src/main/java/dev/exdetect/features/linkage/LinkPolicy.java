package dev.exdetect.features.linkage;

import java.io.Serializable;

/**
 * When two accounts count as linked (one actor), and how long evidence lasts.
 *
 * <p>An edge is <b>strong</b> when it has network evidence (shared address or subnet) and at least
 * one other independent kind of evidence other than the user agent (identical parameters, shared
 * rare content, synchronized activity), and its total strength reaches {@code minStrength}. The
 * network requirement is what separates a campaign run from related addresses from the users of one
 * legitimate app (shared template and parameters, diverse addresses) and from people asking popular
 * questions; the second requirement separates it from colleagues behind one NAT.
 *
 * @param windowMillis evidence older than this (event time) is forgotten
 * @param minStrength the sum over groups of the strongest evidence in each group, at least
 * @param minTimingSimilarity activity similarity (Jaccard of active slots) that counts as
 *     synchronized
 * @param probationMillis a shared item's rarity is judged no earlier than this after its first use,
 *     so an item that is about to become common does not link its first users; links into an item
 *     watched for longer are judged at once
 */
public record LinkPolicy(
        long windowMillis, double minStrength, double minTimingSimilarity, long probationMillis)
        implements Serializable {

    /** 24 h window, strength 0.6, timing similarity 0.5, 10 min probation. */
    public static LinkPolicy defaults() {
        return new LinkPolicy(24 * 3_600_000L, 0.6, 0.5, 10 * 60_000L);
    }

    /** True when an edge with these per-group weights ties two accounts into one actor. */
    public boolean strong(double[] groupWeights) {
        double network = groupWeights[LinkSignal.Group.NETWORK.ordinal()];
        double other =
                Math.max(
                        groupWeights[LinkSignal.Group.REQUEST_SHAPE.ordinal()],
                        Math.max(
                                groupWeights[LinkSignal.Group.CONTENT.ordinal()],
                                groupWeights[LinkSignal.Group.TIMING.ordinal()]));
        return network > 0 && other > 0 && strength(groupWeights) >= minStrength;
    }

    /** The sum over groups of the strongest evidence in each. */
    public static double strength(double[] groupWeights) {
        double sum = 0;
        for (double w : groupWeights) {
            sum += w;
        }
        return sum;
    }
}
