package dev.exdetect.rules.model;

/** Alert severity, derived from the risk score by the {@link SeverityBands}. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
