package dev.exdetect.rules.response;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.ThrottleLimit;
import dev.exdetect.rules.scoring.Firing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The graded response: decides, from the rules firing now and what is already commanded, whether to
 * send the gateways a new command.
 *
 * <ul>
 *   <li>Escalate: a stronger action than the active one (MONITOR &lt; DEGRADE &lt; THROTTLE &lt;
 *       BLOCK) is commanded at once.
 *   <li>Renew: while the same action keeps being asked for, the command is re-issued when less than
 *       half its TTL remains, so a persistent client stays restricted without a command per
 *       request.
 *   <li>Expire: a command lapses at {@code expires_at}; {@link #onTimer} then lifts it.
 *   <li>Shadow: rules in dry-run, or all rules when the pack is in dry-run, never enforce.
 * </ul>
 */
public final class ResponsePlanner {
    private ResponsePlanner() {}

    /** The command to send after {@code firings} at event time {@code t}, if any; updates state. */
    public static Optional<Decision> onFirings(
            EnforcementState state, List<Firing> firings, RuleSettings settings, long t) {
        Action target = null;
        Response chosen = null;
        List<String> ruleIds = new ArrayList<>();
        for (Firing f : firings) {
            Response r = f.rule().response();
            if (settings.dryRun() || f.rule().dryRun() || !r.action().enforces()) {
                continue;
            }
            if (target == null || r.action().strongerThan(target)) {
                target = r.action();
                chosen = r;
                ruleIds.clear();
            }
            if (r.action() == target) {
                ruleIds.add(f.rule().id());
                chosen = stricter(chosen, r);
            }
        }
        if (target == null) {
            return Optional.empty();
        }
        boolean active = state.activeAt(t);
        Action current = active ? Action.valueOf(state.action) : null;
        long ttl = chosen.ttl().toMillis();
        boolean escalate = current == null || target.strongerThan(current);
        boolean renew = target == current && state.expiresAt - t < ttl / 2;
        if (!escalate && !renew) {
            return Optional.empty();
        }
        return Optional.of(issue(state, target, chosen.limit(), t, t + ttl, ruleIds));
    }

    /**
     * Called when an event-time timer set for the active command fires: lifts it when it has lapsed
     * (its expiry was not pushed back by a renewal meanwhile).
     */
    public static Optional<Decision> onTimer(EnforcementState state, long t) {
        if (state.action == null || state.expiresAt > t) {
            return Optional.empty();
        }
        return Optional.of(lift(state, t));
    }

    /** Lifts the active command now (e.g. when the client's state is dropped), if there is one. */
    public static Optional<Decision> liftIfActive(EnforcementState state, long t) {
        return state.activeAt(t) ? Optional.of(lift(state, t)) : Optional.empty();
    }

    private static Decision lift(EnforcementState state, long t) {
        state.version++;
        state.action = null;
        state.issuedAt = t;
        state.expiresAt = t;
        state.limitRequests = 0;
        state.limitPerSeconds = 0;
        return new Decision(null, null, t, t, state.version, List.of());
    }

    private static Decision issue(
            EnforcementState state,
            Action action,
            ThrottleLimit limit,
            long t,
            long expiresAt,
            List<String> ruleIds) {
        state.version++;
        state.action = action.name();
        state.issuedAt = t;
        state.expiresAt = expiresAt;
        state.limitRequests = limit == null ? 0 : limit.requests();
        state.limitPerSeconds = limit == null ? 0 : limit.perSeconds();
        return new Decision(action, limit, t, expiresAt, state.version, List.copyOf(ruleIds));
    }

    /** Of two responses with the same action: the lower rate limit, then the longer TTL. */
    private static Response stricter(Response a, Response b) {
        if (a == null || a == b) {
            return b;
        }
        if (a.limit() != null && b.limit() != null) {
            double rateA = (double) a.limit().requests() / a.limit().perSeconds();
            double rateB = (double) b.limit().requests() / b.limit().perSeconds();
            if (rateA != rateB) {
                return rateA < rateB ? a : b;
            }
        }
        return b.ttl().compareTo(a.ttl()) > 0 ? b : a;
    }
}
