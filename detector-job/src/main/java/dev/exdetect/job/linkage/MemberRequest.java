package dev.exdetect.job.linkage;

import dev.exdetect.job.model.ClientEvent;

/**
 * One request of a client, reduced to what its member profile needs: who sent it, when, and its
 * query-space cell. Made before the stream is keyed by client, so the request's signatures and
 * evidence do not cross the network to the member-profile step. A Flink POJO.
 */
public class MemberRequest {
    public String clientId;

    /** Null when the request named no tenant. */
    public String tenant;

    public long timestampMillis;

    /** The request's query-space cell (0: none). */
    public long cell;

    /** For Flink's POJO serializer. */
    public MemberRequest() {}

    /** What the member profile needs of request {@code e}. */
    public static MemberRequest of(ClientEvent e) {
        MemberRequest r = new MemberRequest();
        r.clientId = e.clientId;
        r.tenant = e.tenant;
        r.timestampMillis = e.timestampMillis;
        r.cell = e.observation.cell;
        return r;
    }
}
