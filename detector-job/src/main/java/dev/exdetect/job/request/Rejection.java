package dev.exdetect.job.request;

/**
 * Why a record was refused: the field at fault (null when the record as a whole is bad) and a
 * reason a person can act on, e.g. {@code timestamp: expected an RFC 3339 string with offset or
 * integer epoch milliseconds, got true}.
 *
 * @param field JSON path of the field at fault, or null
 * @param reason what is wrong
 */
public record Rejection(String field, String reason) {

    /** The message as written to the dead-letter output. */
    public String message() {
        return field == null ? reason : field + ": " + reason;
    }
}
