package dev.exdetect.job.output;

import dev.exdetect.job.model.AlertActivity;
import java.util.Locale;

/**
 * The OCSF activity of a finding (docs/FORMATS.md, "Alert as OCSF"): the alert's lifecycle {@link
 * AlertActivity} under OCSF's id and caption.
 *
 * @param id {@code activity_id}
 * @param caption {@code activity_name}
 */
record OcsfActivity(int id, String caption) {
    private static final OcsfActivity CREATE = new OcsfActivity(1, "Create");
    private static final OcsfActivity UPDATE = new OcsfActivity(2, "Update");
    private static final OcsfActivity CLOSE = new OcsfActivity(3, "Close");

    /** The OCSF activity of {@code activity}. */
    static OcsfActivity of(AlertActivity activity) {
        return switch (activity) {
            case CREATED -> CREATE;
            case UPDATED -> UPDATE;
            case CLOSED -> CLOSE;
        };
    }

    /**
     * The lifecycle activity a native alert's {@code activity} text names (any case); an alert
     * without one (written before alerts had a lifecycle) is a creation.
     */
    static AlertActivity parse(String nativeActivity) {
        return AlertActivity.fromId(nativeActivity.toLowerCase(Locale.ROOT))
                .orElse(AlertActivity.CREATED);
    }
}
