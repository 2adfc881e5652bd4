package dev.exdetect.job.linkage;

/**
 * One shared item a request exposes (its subnet, user agent, parameter fingerprint, template, a
 * query band...): the input of the cross-client index, keyed by {@link #itemKey}, which also names
 * the item's signal. A Flink POJO.
 */
public class LinkObservation {
    /** The item: signal id, a colon, and a value ({@code subnet:203.0.113}). */
    public String itemKey;

    /** The client that exposed it. */
    public String clientKey;

    /** The client's network origin (its subnet, or "-" when the request named no address). */
    public String origin;

    /** Event time of the request. */
    public long timestampMillis;

    /** For Flink's POJO serializer. */
    public LinkObservation() {}

    /** An observation of {@code itemKey} by {@code clientKey} from {@code origin} at {@code t}. */
    public LinkObservation(String itemKey, String clientKey, String origin, long t) {
        this.itemKey = itemKey;
        this.clientKey = clientKey;
        this.origin = origin;
        this.timestampMillis = t;
    }
}
