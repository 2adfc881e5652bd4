package dev.exdetect.rules.model;

/**
 * What a gateway is told to do with a client, mildest first. The order is the escalation ladder of
 * the graded response: a stronger action replaces a weaker one.
 */
public enum Action {
    /** Serve normally, but the client is watched (alerts only). */
    MONITOR,
    /** Serve, but return less: top label only, rounded or no probabilities, no logprobs. */
    DEGRADE,
    /** Serve at most {@code limit.requests} per {@code limit.per_seconds}. */
    THROTTLE,
    /** Refuse every request (HTTP 429). */
    BLOCK,
    /** Allowlisted: never enforce; lifts any active command. */
    ALLOW;

    /** True when this action restricts the client more than {@code other}. */
    public boolean strongerThan(Action other) {
        return other == null || (this != ALLOW && other != ALLOW && ordinal() > other.ordinal());
    }

    /** True for actions a gateway enforces (anything but MONITOR and ALLOW). */
    public boolean enforces() {
        return this == DEGRADE || this == THROTTLE || this == BLOCK;
    }

    /** The next enforcing action up the ladder (BLOCK stays BLOCK). */
    public Action stepUp() {
        return switch (this) {
            case MONITOR, ALLOW -> DEGRADE;
            case DEGRADE -> THROTTLE;
            case THROTTLE, BLOCK -> BLOCK;
        };
    }

    /** The next enforcing action down the ladder, or null below DEGRADE (nothing enforced). */
    public Action stepDown() {
        return switch (this) {
            case BLOCK -> THROTTLE;
            case THROTTLE -> DEGRADE;
            default -> null;
        };
    }
}
