package dev.exdetect.job.output;

/**
 * One record for an output topic or file: a key, a JSON value (null for a Kafka tombstone), and the
 * event time it belongs to. The job renders alerts and commands to JSON before they leave the
 * detection operator, so the sinks only move bytes and every output shares one Flink type (no
 * generic serialization). A Flink POJO.
 */
public class OutputRecord {
    /** Kafka key (the client key for commands, the alert id for alerts); may be null. */
    public String key;

    /** JSON document, UTF-8; null means "tombstone" (lift, on the compacted throttle topic). */
    public byte[] value;

    /** Event time of the record, epoch ms; used as the Kafka record timestamp. */
    public long timestamp;

    /** A stable id (alert or command id) that orders records deterministically in replay files. */
    public String id;

    /**
     * What the file form of a tombstone says, since a file cannot hold a null value: JSON with the
     * key and the lift's details. Null for ordinary records.
     */
    public byte[] tombstoneLine;

    /** For Flink's POJO serializer. */
    public OutputRecord() {}

    /** A record with a value. */
    public static OutputRecord of(String key, byte[] value, long timestamp, String id) {
        OutputRecord r = new OutputRecord();
        r.key = key;
        r.value = value;
        r.timestamp = timestamp;
        r.id = id;
        return r;
    }

    /** A tombstone: Kafka gets a null value under {@code key}, files get {@code fileLine}. */
    public static OutputRecord tombstone(String key, byte[] fileLine, long timestamp, String id) {
        OutputRecord r = of(key, null, timestamp, id);
        r.tombstoneLine = fileLine;
        return r;
    }

    /** The line this record becomes in a JSON-lines file. */
    public byte[] fileLine() {
        return value != null ? value : tombstoneLine;
    }
}
