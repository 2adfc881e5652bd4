package dev.exdetect.job.linkage;

/**
 * Two clients shared a rare item: evidence, with a rarity weight, that they are one actor. Sent to
 * both clients' member profiles ({@link #forKey}), and from there to the cluster step. A Flink
 * POJO.
 */
public class LinkEvidence {
    /** The client that arrived at the item. */
    public String a;

    /** A client that had used it within the window. */
    public String b;

    /** The {@link dev.exdetect.features.linkage.LinkSignal} ordinal. */
    public int signal;

    /** Rarity weight in (0, 1]. */
    public double weight;

    /** Event time of the request that revealed the link. */
    public long timestampMillis;

    /** Which end's profile this copy is routed to. */
    public String forKey;

    /** For Flink's POJO serializer. */
    public LinkEvidence() {}

    /** Evidence that {@code a} and {@code b} shared an item of {@code signal}. */
    public LinkEvidence(String a, String b, int signal, double weight, long t) {
        this.a = a;
        this.b = b;
        this.signal = signal;
        this.weight = weight;
        this.timestampMillis = t;
    }

    /** A copy routed to {@code key}. */
    public LinkEvidence routedTo(String key) {
        LinkEvidence e = new LinkEvidence(a, b, signal, weight, timestampMillis);
        e.forKey = key;
        return e;
    }

    /** A total order for evidence of equal event time. */
    public String orderKey() {
        return a + "\u0000" + b + "\u0000" + signal;
    }
}
