package dev.exdetect.features.linkage;

import dev.exdetect.features.sketch.HyperLogLog;
import dev.exdetect.features.stats.ExpMovingStats;
import dev.exdetect.features.window.SlidingWindowCounter;

/**
 * What the cluster detection needs to know about one account: its volume, when it is active, how
 * regular its requests are, and which query-space cells it covered. Small and bounded (about 700
 * bytes), so a cluster's features can be aggregated from its members. A Flink POJO.
 */
public class MemberProfile {
    /** The client key ({@code tenant:client_id}), which identifies members of a cluster. */
    public String clientKey;

    public String clientId;
    public String tenant;
    public long requests;
    public long lastSeenMillis;
    public SlidingWindowCounter perHour;
    public SlidingWindowCounter perDay;
    public ActivityPattern activity;
    public HyperLogLog cells;
    public ExpMovingStats gaps;

    /** For Flink's POJO serializer. */
    public MemberProfile() {}

    /** A profile for a client not seen yet. */
    public static MemberProfile create(String clientKey, String clientId, String tenant) {
        MemberProfile p = new MemberProfile();
        p.clientKey = clientKey;
        p.clientId = clientId;
        p.tenant = tenant;
        p.perHour = SlidingWindowCounter.of(12, 5 * 60_000L);
        p.perDay = SlidingWindowCounter.of(24, 3_600_000L);
        p.activity = ActivityPattern.empty();
        p.cells = HyperLogLog.create();
        p.gaps = new ExpMovingStats();
        return p;
    }

    /** Folds in one request at {@code t} that fell in query-space cell {@code cell} (0: none). */
    public void add(long t, long cell) {
        if (requests > 0 && t > lastSeenMillis) {
            gaps.add(t - lastSeenMillis, 0.05);
        }
        requests++;
        lastSeenMillis = Math.max(lastSeenMillis, t);
        perHour.add(t);
        perDay.add(t);
        activity.add(t);
        if (cell != 0) {
            cells.add(cell);
        }
    }
}
