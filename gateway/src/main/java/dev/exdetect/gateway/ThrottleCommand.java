package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * One throttle command as read from the compacted throttle topic (CONTRACT.md section 3): what to
 * do with the client under {@code key}, until when, and in which version. A tombstone (null value)
 * is not a command: it lifts whatever is held for the key.
 *
 * @param key the record key, {@code <tenant>:<client_id>} or {@code client_id}
 * @param commandId deterministic id (re-delivery is harmless)
 * @param action what to do
 * @param limitRequests for THROTTLE: requests allowed per {@code limitPerSeconds}; else 0
 * @param limitPerSeconds for THROTTLE: the period of the limit in seconds; else 0
 * @param issuedAt event time of issue, epoch ms
 * @param expiresAt the command lapses by itself at this time, epoch ms
 * @param version increases per client; a lower version than the one held is stale
 */
public record ThrottleCommand(
        String key,
        String commandId,
        Action action,
        int limitRequests,
        int limitPerSeconds,
        long issuedAt,
        long expiresAt,
        long version) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The actions of the contract, mildest first. */
    public enum Action {
        /** Serve normally (the detector is only watching). */
        MONITOR,
        /** Serve, but return less: top label only, no probabilities, no logprobs. */
        DEGRADE,
        /** Serve at most {@code limit.requests} per {@code limit.per_seconds} (token bucket). */
        THROTTLE,
        /** Refuse every request with 429 and Retry-After. */
        BLOCK,
        /** Allowlisted: serve normally, replacing any stricter command. */
        ALLOW
    }

    /** A command that cannot be used; the message says why. */
    public static final class InvalidCommandException extends Exception {
        InvalidCommandException(String message) {
            super(message);
        }
    }

    /** Parses the JSON value of a throttle-topic record stored under {@code key}. */
    public static ThrottleCommand parse(String key, byte[] value) throws InvalidCommandException {
        if (key == null || key.isEmpty()) {
            throw new InvalidCommandException("record has no key");
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new InvalidCommandException("not JSON: " + e.getMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InvalidCommandException("not a JSON object");
        }
        Action action;
        try {
            action = Action.valueOf(n.path("action").asText("").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandException("unknown action '" + n.path("action").asText() + "'");
        }
        if (!n.path("version").canConvertToLong() || n.path("version").asLong() < 0) {
            throw new InvalidCommandException("version must be a non-negative integer");
        }
        if (!n.path("expires_at").canConvertToLong()) {
            throw new InvalidCommandException("expires_at must be epoch milliseconds");
        }
        int requests = 0;
        int perSeconds = 0;
        if (action == Action.THROTTLE) {
            JsonNode limit = n.path("limit");
            requests = limit.path("requests").asInt(-1);
            perSeconds = limit.path("per_seconds").asInt(-1);
            if (requests < 0 || perSeconds < 1) {
                throw new InvalidCommandException(
                        "THROTTLE needs limit.requests >= 0 and limit.per_seconds >= 1");
            }
        }
        return new ThrottleCommand(
                key,
                n.path("command_id").asText(null),
                action,
                requests,
                perSeconds,
                n.path("issued_at").asLong(),
                n.path("expires_at").asLong(),
                n.path("version").asLong());
    }

    /** True while the command is in force at {@code nowMillis}. */
    public boolean activeAt(long nowMillis) {
        return nowMillis < expiresAt;
    }
}
