package dev.exdetect.job.output;

import dev.exdetect.rules.model.Severity;

/**
 * The OCSF severity and risk level of an alert's {@link Severity} (docs/FORMATS.md, "Alert as
 * OCSF").
 *
 * @param severityId {@code severity_id}
 * @param caption {@code severity}
 * @param riskLevelId {@code risk_level_id}
 * @param riskCaption {@code risk_level}
 */
record OcsfSeverity(int severityId, String caption, int riskLevelId, String riskCaption) {
    private static final OcsfSeverity LOW = new OcsfSeverity(2, "Low", 1, "Low");
    private static final OcsfSeverity MEDIUM = new OcsfSeverity(3, "Medium", 2, "Medium");
    private static final OcsfSeverity HIGH = new OcsfSeverity(4, "High", 3, "High");
    private static final OcsfSeverity CRITICAL = new OcsfSeverity(5, "Critical", 4, "Critical");

    /** For a native alert whose severity this version does not know. */
    static final OcsfSeverity UNKNOWN = new OcsfSeverity(0, "Unknown", 0, "Info");

    /** The OCSF severity of {@code severity}. */
    static OcsfSeverity of(Severity severity) {
        return switch (severity) {
            case LOW -> LOW;
            case MEDIUM -> MEDIUM;
            case HIGH -> HIGH;
            case CRITICAL -> CRITICAL;
        };
    }

    /** The OCSF severity of a native alert's {@code severity} text; {@link #UNKNOWN} for others. */
    static OcsfSeverity parse(String nativeSeverity) {
        for (Severity s : Severity.values()) {
            if (s.name().equals(nativeSeverity)) {
                return of(s);
            }
        }
        return UNKNOWN;
    }
}
