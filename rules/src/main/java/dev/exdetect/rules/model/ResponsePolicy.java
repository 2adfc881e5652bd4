package dev.exdetect.rules.model;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the graded response moves a client up and down the ladder MONITOR &lt; DEGRADE &lt; THROTTLE
 * &lt; BLOCK once a rule has asked for enforcement.
 *
 * @param escalateAfter a client still risky this long after reaching its current level is moved one
 *     level up (zero: never escalate beyond what the rules ask)
 * @param maxAction escalation stops at this action
 * @param releaseBelow a risk score below this counts as calm; enforcement starts when a rule fires
 *     but ends only after calm (hysteresis, so a client near a threshold does not flap)
 * @param coolDown calm for this long moves the client one level down (DEGRADE: lifted)
 * @param throttleLimit the rate limit used when escalation reaches THROTTLE without a THROTTLE rule
 *     firing
 */
public record ResponsePolicy(
        Duration escalateAfter,
        Action maxAction,
        double releaseBelow,
        Duration coolDown,
        ThrottleLimit throttleLimit)
        implements Serializable {

    /** Escalate after 30 min of sustained risk up to BLOCK; release below 0.3 after 15 min calm. */
    public static ResponsePolicy defaults() {
        return new ResponsePolicy(
                Duration.ofMinutes(30),
                Action.BLOCK,
                0.3,
                Duration.ofMinutes(15),
                new ThrottleLimit(10, 60));
    }
}
