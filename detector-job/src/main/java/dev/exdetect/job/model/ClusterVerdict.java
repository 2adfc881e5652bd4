package dev.exdetect.job.model;

/**
 * The cluster step's finding for one member: cluster rules fired on the cluster the member belongs
 * to. Delivered to the member's detection step (keyed by client) like a request, which turns it
 * into the member's alert and command. Lists are capped so a verdict stays small. A Flink POJO.
 */
public class ClusterVerdict {
    /** Members and links listed at most. */
    public static final int MAX_LISTED = 50;

    /** Stable id of the cluster (derived from its earliest-sorted member). */
    public String clusterId;

    /** Ids of the cluster rules that fired. */
    public String[] ruleIds;

    /** Versions of those rules, parallel to {@link #ruleIds}. */
    public int[] ruleVersions;

    /** Cluster feature ids and values, in parallel. */
    public String[] featureNames;

    public double[] featureValues;

    /** Members (client keys), sorted, at most {@link #MAX_LISTED}. */
    public String[] members;

    /** Members in all. */
    public int memberCount;

    /**
     * Links: ends, strength and the signals behind it, in parallel; at most {@link #MAX_LISTED}.
     */
    public String[] linkA;

    public String[] linkB;
    public double[] linkStrength;
    public String[] linkSignals;

    /** For Flink's POJO serializer. */
    public ClusterVerdict() {}
}
