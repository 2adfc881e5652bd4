package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.MemberProfile;

/** Per-client state of the member-profile step. A Flink POJO. */
public class MemberState {
    public MemberProfile profile;

    /** Evidence has tied the client to another one: its profile goes to the cluster step. */
    public boolean linked;

    /** Event time the profile was last sent to the cluster step. */
    public long lastSentAt = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public MemberState() {}
}
