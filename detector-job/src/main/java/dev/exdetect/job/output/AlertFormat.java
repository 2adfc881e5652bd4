package dev.exdetect.job.output;

import dev.exdetect.job.model.Alert;
import java.util.Locale;

/**
 * How alerts are written ({@code --alert-format}): the native alert JSON of CONTRACT.md section 2,
 * or the same alert as an OCSF 1.x Detection Finding for SIEMs that ingest OCSF. Both carry the
 * same alert id, so a SOC can switch formats without losing track of findings.
 */
public enum AlertFormat {
    /** {@code exdetect.alert.v1}: docs/FORMATS.md, "Alert". */
    NATIVE,
    /** OCSF Detection Finding (class_uid 2004): docs/FORMATS.md, "Alert as OCSF". */
    OCSF;

    /**
     * The alert as UTF-8 JSON in this format.
     *
     * @param alert the alert
     * @param model the model the triggering request was served by, or null when the record named
     *     none (OCSF names it as the affected resource)
     */
    public byte[] render(Alert alert, String model) {
        return switch (this) {
            case NATIVE -> Json.bytes(AlertJson.toJson(alert));
            case OCSF -> Json.bytes(OcsfJson.detectionFinding(AlertJson.toJson(alert), model));
        };
    }

    /** Parses {@code native} or {@code ocsf} (any case); the message lists the choices. */
    public static AlertFormat parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "alert format must be native or ocsf, got '" + value + "'", e);
        }
    }
}
