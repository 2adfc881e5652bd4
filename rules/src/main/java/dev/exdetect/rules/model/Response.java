package dev.exdetect.rules.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * What happens to a client when a rule fires.
 *
 * @param action the action to command (MONITOR only alerts)
 * @param limit the rate limit, required for THROTTLE, null otherwise
 * @param ttl how long the command lasts; it lapses by itself after that
 */
public record Response(Action action, ThrottleLimit limit, Duration ttl) implements Serializable {

    /** Alert only. */
    public static Response monitor() {
        return new Response(Action.MONITOR, null, Duration.ZERO);
    }
}
