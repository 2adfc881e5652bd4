package dev.exdetect.rules.model;

import java.io.Serializable;

/**
 * Risk-score thresholds at which severities start: a score below {@code medium} is LOW.
 *
 * @param medium lowest score that is MEDIUM
 * @param high lowest score that is HIGH
 * @param critical lowest score that is CRITICAL
 */
public record SeverityBands(double medium, double high, double critical) implements Serializable {

    /** 0.4 / 0.7 / 0.9. */
    public static SeverityBands defaults() {
        return new SeverityBands(0.4, 0.7, 0.9);
    }

    /** The severity of a risk score in [0, 1]. */
    public Severity severityOf(double risk) {
        if (risk >= critical) {
            return Severity.CRITICAL;
        }
        if (risk >= high) {
            return Severity.HIGH;
        }
        if (risk >= medium) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }
}
