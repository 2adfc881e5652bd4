package dev.exdetect.gateway;

/**
 * What the gateway does with one request, decided from the command held for its client.
 *
 * @param kind serve, serve degraded, or refuse
 * @param retryAfterMillis for refusals: how long until the client may try again; else 0
 * @param command the command behind the decision, or null when none is held
 */
public record Verdict(Kind kind, long retryAfterMillis, ThrottleCommand command) {
    /** The four outcomes. */
    public enum Kind {
        /** Forward and return the answer as is. */
        SERVE,
        /** Forward, but strip probabilities and logprobs from the answer (DEGRADE). */
        DEGRADE,
        /** Refuse with 429: the client's token bucket is empty (THROTTLE). */
        LIMITED,
        /** Refuse with 429 until the command expires (BLOCK). */
        BLOCKED
    }

    static final Verdict SERVE_FREELY = new Verdict(Kind.SERVE, 0, null);

    /** True for the refusals (HTTP 429). */
    public boolean refused() {
        return kind == Kind.LIMITED || kind == Kind.BLOCKED;
    }
}
