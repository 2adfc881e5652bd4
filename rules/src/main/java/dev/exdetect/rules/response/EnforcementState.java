package dev.exdetect.rules.response;

/**
 * What is currently commanded for one client, as the gateways know it. Part of the client's Flink
 * state: public fields, no-argument constructor (a POJO).
 */
public class EnforcementState {
    /** The active action's name, or null when nothing is commanded. */
    public String action;

    /** Version of the newest command for this client; increases with every command and lift. */
    public int version;

    /** Event time the active command was issued. */
    public long issuedAt;

    /** Event time the active command lapses. */
    public long expiresAt;

    /** For THROTTLE: requests allowed per {@link #limitPerSeconds}; 0 otherwise. */
    public int limitRequests;

    /** For THROTTLE: the limit's period in seconds; 0 otherwise. */
    public int limitPerSeconds;

    /** For Flink's POJO serializer. */
    public EnforcementState() {}

    /** True when a command is in force at event time {@code t}. */
    public boolean activeAt(long t) {
        return action != null && expiresAt > t;
    }
}
