package dev.exdetect.rules.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings that apply to every rule of a pack.
 *
 * @param severity where severities start on the risk score
 * @param suppressFor while a client's alert stays open, it is updated at most once per this period
 *     unless something changes (a new rule fires, severity or action rises)
 * @param dryRun global shadow mode: rules alert but never enforce
 * @param response how enforcement escalates and is released
 */
public record RuleSettings(
        SeverityBands severity, Duration suppressFor, boolean dryRun, ResponsePolicy response)
        implements Serializable {

    /** Default bands, 10 minutes of suppression, enforcing, the default response policy. */
    public static RuleSettings defaults() {
        return new RuleSettings(
                SeverityBands.defaults(), Duration.ofMinutes(10), false, ResponsePolicy.defaults());
    }
}
