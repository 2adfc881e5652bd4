package dev.exdetect.rules.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings that apply to every rule of a pack.
 *
 * @param severity where severities start on the risk score
 * @param suppressFor one alert per client per rule per this period; further firings within it
 *     update the client's risk but raise no new alert
 * @param dryRun global shadow mode: rules alert but never enforce
 */
public record RuleSettings(SeverityBands severity, Duration suppressFor, boolean dryRun)
        implements Serializable {

    /** Default bands, 10 minutes of suppression, enforcing. */
    public static RuleSettings defaults() {
        return new RuleSettings(SeverityBands.defaults(), Duration.ofMinutes(10), false);
    }
}
