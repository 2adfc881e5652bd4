package dev.exdetect.job.linkage;

/**
 * An input of the member-profile step: a request (when it was, and its query-space cell) or link
 * evidence involving the member. One type so both are ordered by event time. A Flink POJO.
 */
public class ProfileInput {
    public long timestampMillis;
    public String clientId;
    public String tenant;

    /** The request's query-space cell (0: none). */
    public long cell;

    /** Evidence involving the member; null for a request. */
    public LinkEvidence evidence;

    /** For Flink's POJO serializer. */
    public ProfileInput() {}

    /** A request as input. */
    public static ProfileInput of(MemberRequest r) {
        ProfileInput in = new ProfileInput();
        in.timestampMillis = r.timestampMillis;
        in.clientId = r.clientId;
        in.tenant = r.tenant;
        in.cell = r.cell;
        return in;
    }

    /** Evidence as input. */
    public static ProfileInput of(LinkEvidence e) {
        ProfileInput in = new ProfileInput();
        in.timestampMillis = e.timestampMillis;
        in.evidence = e;
        return in;
    }

    /** A total order for inputs of equal event time: requests first, then evidence. */
    public String orderKey() {
        return evidence == null ? "0" : "1" + evidence.orderKey();
    }
}
