package dev.exdetect.rules.response;

import dev.exdetect.rules.model.Action;

/**
 * What is currently commanded for one client, as the gateways know it, and the times the graded
 * response needs (when the level was reached, when the client was last risky). Part of the client's
 * Flink state: public fields, no-argument constructor (a POJO).
 */
public class EnforcementState {
    /** The commanded action's name (DEGRADE, THROTTLE, BLOCK or ALLOW), or null when none. */
    public String action;

    /**
     * Version of the newest command for this client: increases with every command and lift, and is
     * never below the command's event time in ms. So versions keep increasing even when the
     * detector's state was lost and rebuilt (a gateway ignores a lower version than it holds).
     */
    public long version;

    /** Event time the current command was issued. */
    public long issuedAt;

    /** Event time the current command lapses. */
    public long expiresAt;

    /** Lifetime of the current command, reused when it is renewed or stepped. */
    public long ttlMillis;

    /** For THROTTLE: requests allowed per {@link #limitPerSeconds}; 0 otherwise. */
    public int limitRequests;

    /** For THROTTLE: the limit's period in seconds; 0 otherwise. */
    public int limitPerSeconds;

    /** Event time the current action level was reached (escalation and cool-down count from it). */
    public long levelSince;

    /** Event time of the client's last request with a risk at or above the release threshold. */
    public long lastRiskyAt = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public EnforcementState() {}

    /** True when a command is in force at event time {@code t}. */
    public boolean activeAt(long t) {
        return action != null && expiresAt > t;
    }

    /** The enforcing action in force at {@code t} (DEGRADE, THROTTLE or BLOCK), or null. */
    public Action enforcingAt(long t) {
        if (!activeAt(t) || action.equals("ALLOW")) {
            return null;
        }
        return Action.valueOf(action);
    }
}
