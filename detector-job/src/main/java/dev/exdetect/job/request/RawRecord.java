package dev.exdetect.job.request;

/**
 * One record as read, before parsing: its bytes and where it came from, so a rejection can name the
 * file line or topic offset. A Flink POJO.
 */
public class RawRecord {
    /** The record's bytes (one JSON document, normally UTF-8). */
    public byte[] bytes;

    /** Where it was read: {@code path:line} or {@code topic/partition@offset}. */
    public String origin;

    /** The Kafka key, when read from Kafka and the record has one (rule messages use it). */
    public String key;

    /** For Flink's POJO serializer. */
    public RawRecord() {}

    /** A record of {@code bytes} read at {@code origin}. */
    public RawRecord(byte[] bytes, String origin) {
        this.bytes = bytes;
        this.origin = origin;
    }
}
