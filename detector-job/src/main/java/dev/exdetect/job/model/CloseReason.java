package dev.exdetect.job.model;

import java.util.Locale;
import java.util.Optional;

/** Why an alert episode closed (CONTRACT.md section 2, field {@code close_reason}). */
public enum CloseReason {
    /** No rule fired for the cool-down and no command is in force. */
    RISK_FELL,
    /** The client sent nothing for the idle TTL and its state was dropped. */
    CLIENT_IDLE;

    /** The value of the alert's {@code close_reason} field. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason whose {@link #id} is {@code id}, or empty for any other text (or null). */
    public static Optional<CloseReason> fromId(String id) {
        for (CloseReason r : values()) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
