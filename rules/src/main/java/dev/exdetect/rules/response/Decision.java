package dev.exdetect.rules.response;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ThrottleLimit;
import java.util.List;

/**
 * A command to send to the gateways, or a lift.
 *
 * @param action the action, or null for a lift (a tombstone on the throttle topic)
 * @param limit the rate limit for THROTTLE, else null
 * @param issuedAt event time of issue
 * @param expiresAt event time at which it lapses (equal to issuedAt for a lift)
 * @param version the client's new command version (see {@link EnforcementState#version})
 * @param ruleIds ids of the rules behind it (empty when none fired, e.g. a lift)
 * @param cause why: one of the {@code CAUSE_*} constants
 */
public record Decision(
        Action action,
        ThrottleLimit limit,
        long issuedAt,
        long expiresAt,
        long version,
        List<String> ruleIds,
        String cause) {

    /** A rule asked for a stronger action than the one in force. */
    public static final String CAUSE_RULE = "rule";

    /** The client stayed risky at its level for the policy's escalation time. */
    public static final String CAUSE_ESCALATED = "escalated";

    /** The client is still risky and the command was about to lapse. */
    public static final String CAUSE_RENEWED = "renewed";

    /** The client was calm for the policy's cool-down. */
    public static final String CAUSE_COOLED_DOWN = "cooled down";

    /** The command reached its expiry without renewal. */
    public static final String CAUSE_EXPIRED = "expired";

    /** The client or its tenant is allowlisted. */
    public static final String CAUSE_ALLOWLISTED = "allowlisted";

    /** The client's state was dropped after its idle TTL. */
    public static final String CAUSE_IDLE = "client idle";

    /** True for a lift (a tombstone on the throttle topic). */
    public boolean isLift() {
        return action == null;
    }
}
