package dev.exdetect.gateway;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command in force for every client key, as the gateway knows it from the throttle topic, and
 * the per-client token buckets of THROTTLE. Thread-safe: the topic subscriber updates it while
 * request threads read it.
 *
 * <ul>
 *   <li>A command replaces the held one only when its version is higher (a lower version is stale;
 *       an equal one is a re-delivery).
 *   <li>A command lapses by itself at its {@code expires_at}, even if no lift ever arrives.
 *   <li>A tombstone lifts: the key is forgotten, so the detector may start its versions anew (it
 *       does so after it drops an idle client's state, which it only does after a lift).
 *   <li>A renewed THROTTLE with the same limit keeps its bucket, so a renewal is not a fresh burst.
 * </ul>
 *
 * Size: one entry per client with a command in force; expired entries are dropped when next looked
 * up, and lifted ones at once.
 */
public final class EnforcementTable {
    /** What {@link #apply} did with a command. */
    public enum Applied {
        /** Now in force for its key. */
        APPLIED,
        /** Ignored: the held command has a higher version. */
        STALE,
        /** Ignored: the held command has the same version (a re-delivery). */
        DUPLICATE
    }

    private record Entry(ThrottleCommand command, TokenBucket bucket) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Holds {@code command} for its key unless a command of the same or a higher version is. */
    public Applied apply(ThrottleCommand command) {
        Applied[] result = {Applied.APPLIED};
        entries.compute(
                command.key(),
                (key, held) -> {
                    if (held != null && command.version() < held.command.version()) {
                        result[0] = Applied.STALE;
                        return held;
                    }
                    if (held != null && command.version() == held.command.version()) {
                        result[0] = Applied.DUPLICATE;
                        return held;
                    }
                    return new Entry(command, bucketFor(command, held));
                });
        return result[0];
    }

    private static TokenBucket bucketFor(ThrottleCommand command, Entry held) {
        if (command.action() != ThrottleCommand.Action.THROTTLE) {
            return null;
        }
        long period = command.limitPerSeconds() * 1000L;
        if (held != null
                && held.bucket != null
                && held.bucket.hasLimit(command.limitRequests(), period)) {
            return held.bucket;
        }
        return new TokenBucket(command.limitRequests(), period);
    }

    /** Forgets the key (a tombstone); true when something was held. */
    public boolean lift(String key) {
        return entries.remove(key) != null;
    }

    /** What to do with a request from {@code key} at {@code nowMillis}. */
    public Verdict decide(String key, long nowMillis) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Verdict.SERVE_FREELY;
        }
        ThrottleCommand c = entry.command;
        if (!c.activeAt(nowMillis)) {
            entries.remove(key, entry);
            return Verdict.SERVE_FREELY;
        }
        return switch (c.action()) {
            case MONITOR, ALLOW -> new Verdict(Verdict.Kind.SERVE, 0, c);
            case DEGRADE -> new Verdict(Verdict.Kind.DEGRADE, 0, c);
            case BLOCK -> new Verdict(Verdict.Kind.BLOCKED, c.expiresAt() - nowMillis, c);
            case THROTTLE -> {
                long wait = entry.bucket.tryTake(nowMillis);
                yield wait == 0
                        ? new Verdict(Verdict.Kind.SERVE, 0, c)
                        : new Verdict(
                                Verdict.Kind.LIMITED, Math.min(wait, c.expiresAt() - nowMillis), c);
            }
        };
    }

    /** The command held for {@code key}, whether or not it has expired yet. */
    public Optional<ThrottleCommand> held(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.command);
    }

    /** Number of keys with a command held. */
    public int size() {
        return entries.size();
    }
}
