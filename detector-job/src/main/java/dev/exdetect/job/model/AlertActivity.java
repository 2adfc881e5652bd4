package dev.exdetect.job.model;

import java.util.Locale;
import java.util.Optional;

/**
 * What an alert message says about its episode (CONTRACT.md section 2, field {@code activity}): the
 * episode was {@code created}, is {@code updated} while the client stays risky, or is {@code
 * closed}. The OCSF rendering maps these to its own activity ids.
 */
public enum AlertActivity {
    CREATED,
    UPDATED,
    CLOSED;

    /** The value of the alert's {@code activity} field. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The activity whose {@link #id} is {@code id}, or empty for any other text. */
    public static Optional<AlertActivity> fromId(String id) {
        for (AlertActivity a : values()) {
            if (a.id().equals(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
