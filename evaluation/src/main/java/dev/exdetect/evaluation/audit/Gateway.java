package dev.exdetect.evaluation.audit;

import dev.exdetect.evaluation.run.Verdicts.CommandHit;
import dev.exdetect.rules.model.Action;
import java.util.ArrayDeque;
import java.util.List;

/**
 * What an API gateway that obeys the detector's throttle commands gives one client, request by
 * request: the full answer, a degraded one (top label only: no probabilities, no logprobs), or a
 * refusal. A command applies from the request after its trigger until it expires, is lifted, or is
 * replaced; THROTTLE serves at most {@code limit.requests} per {@code limit.per_seconds} (sliding
 * window) and refuses the rest.
 */
public final class Gateway {
    /** What a request got. */
    public enum Treatment {
        /** Answered as asked. */
        FULL,
        /** Answered with the top label only. */
        DEGRADED,
        /** Refused (HTTP 429). */
        REFUSED
    }

    private final List<CommandHit> commands;
    private final ArrayDeque<Long> served = new ArrayDeque<>();
    private int next;
    private CommandHit active;

    /** A gateway applying {@code commands} (commands and lifts in event-time order). */
    public Gateway(List<CommandHit> commands) {
        this.commands = commands;
    }

    /** The treatment of the client's next request, number {@code seq} at event time {@code t}. */
    public Treatment next(long t, long seq) {
        while (next < commands.size() && applies(commands.get(next), t, seq)) {
            CommandHit c = commands.get(next++);
            active = c.action() == null ? null : c;
        }
        if (active != null && t >= active.expiresAt()) {
            active = null;
        }
        Action a = active == null ? null : active.action();
        if (a == null || !a.enforces()) {
            return Treatment.FULL;
        }
        return switch (a) {
            case DEGRADE -> Treatment.DEGRADED;
            case BLOCK -> Treatment.REFUSED;
            case THROTTLE -> throttle(t, active.limitRequests(), active.limitSeconds());
            default -> Treatment.FULL;
        };
    }

    /**
     * A lift holds from its time on; a command from the request after its trigger (the trigger
     * itself was answered before the detector saw it).
     */
    private static boolean applies(CommandHit c, long t, long seq) {
        if (c.action() == null) {
            return c.timeMillis() <= t;
        }
        return c.timeMillis() < t || (c.timeMillis() == t && c.seq() < seq);
    }

    private Treatment throttle(long t, int limit, int perSeconds) {
        while (!served.isEmpty() && served.peekFirst() <= t - perSeconds * 1000L) {
            served.removeFirst();
        }
        if (served.size() < limit) {
            served.addLast(t);
            return Treatment.FULL;
        }
        return Treatment.REFUSED;
    }
}
