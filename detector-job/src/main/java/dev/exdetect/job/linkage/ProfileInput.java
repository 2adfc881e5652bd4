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

    /** A total order for inputs of equal event time: requests first, then evidence. */
    public String orderKey() {
        return evidence == null ? "0" : "1" + evidence.orderKey();
    }
}
