package dev.exdetect.rules.response;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ThrottleLimit;
import java.util.List;

/**
 * A command to send to the gateways, or a lift.
 *
 * @param action the action, or null for a lift (tombstone)
 * @param limit the rate limit for THROTTLE, else null
 * @param issuedAt event time of issue
 * @param expiresAt event time at which it lapses (equal to issuedAt for a lift)
 * @param version the client's new command version
 * @param ruleIds ids of the rules that asked for it (empty for a lift by expiry)
 */
public record Decision(
        Action action,
        ThrottleLimit limit,
        long issuedAt,
        long expiresAt,
        int version,
        List<String> ruleIds) {

    /** True for a lift (a tombstone on the throttle topic). */
    public boolean isLift() {
        return action == null;
    }
}
