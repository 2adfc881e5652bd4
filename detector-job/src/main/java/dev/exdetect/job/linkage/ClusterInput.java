package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.MemberProfile;

/**
 * An input of the cluster step: link evidence, or a member's profile update. One type so the global
 * cluster step can order both by event time. A Flink POJO.
 */
public class ClusterInput {
    /** Evidence between two members; null for a profile update. */
    public LinkEvidence evidence;

    /** A member's profile; null for evidence. */
    public MemberProfile profile;

    /** Event time. */
    public long timestampMillis;

    /** For Flink's POJO serializer. */
    public ClusterInput() {}

    /** Evidence as input. */
    public static ClusterInput of(LinkEvidence e) {
        ClusterInput in = new ClusterInput();
        in.evidence = e;
        in.timestampMillis = e.timestampMillis;
        return in;
    }

    /** A profile update at {@code t} as input. */
    public static ClusterInput of(MemberProfile p, long t) {
        ClusterInput in = new ClusterInput();
        in.profile = p;
        in.timestampMillis = t;
        return in;
    }

    /** A total order for inputs of equal event time: profiles first, then evidence. */
    public String orderKey() {
        return profile != null ? "0" + profile.clientKey : "1" + evidence.orderKey();
    }
}
