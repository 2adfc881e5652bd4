package dev.exdetect.job.request;

/**
 * The outcome of parsing one record: exactly one of {@code record} and {@code rejection} is set.
 *
 * @param record the valid record, or null
 * @param rejection why it was refused, or null
 */
public record ParseResult(RequestRecord record, Rejection rejection) {

    static ParseResult accepted(RequestRecord record) {
        return new ParseResult(record, null);
    }

    static ParseResult rejected(String field, String reason) {
        return new ParseResult(null, new Rejection(field, reason));
    }

    /** True when the record was accepted. */
    public boolean isAccepted() {
        return record != null;
    }
}
