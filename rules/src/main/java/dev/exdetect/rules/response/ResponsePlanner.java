package dev.exdetect.rules.response;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.ThrottleLimit;
import dev.exdetect.rules.scoring.Firing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The graded response: decides, from the rules firing now and what is already commanded, which
 * command (if any) to send the gateways. Pure: everything it needs is in its arguments and the
 * client's {@link EnforcementState}, which it updates, so live and replay decide alike.
 *
 * <ul>
 *   <li><b>Enter</b>: a rule asking for a stronger action than the one in force (MONITOR &lt;
 *       DEGRADE &lt; THROTTLE &lt; BLOCK) gets it at once, for the rule's TTL.
 *   <li><b>Escalate</b>: a client on which an enforcing rule still fires {@code escalate_after}
 *       after reaching its level moves one level up, up to {@code max_action}.
 *   <li><b>Renew</b>: while the client stays risky, the command is re-issued when less than half
 *       its TTL remains, so a persistent client stays restricted without a command per request.
 *   <li><b>Cool down</b> (hysteresis): enforcement starts when a rule fires but ends only after the
 *       risk stayed below {@code release_below} for {@code cool_down}; then the client moves one
 *       level down per cool-down (DEGRADE is lifted), so it does not flap around a threshold.
 *   <li><b>Expire</b>: a command not renewed lapses at {@code expires_at} and is lifted.
 *   <li><b>Exempt</b>: an allowlisted client gets ALLOW (lifting any command) instead of
 *       enforcement; rules in dry-run, a pack in dry-run and shadowed clients never enforce.
 * </ul>
 */
public final class ResponsePlanner {
    /** How long an ALLOW lasts when the allowlisting has no end (renewed while rules fire). */
    public static final Duration ALLOW_TTL = Duration.ofHours(24);

    private ResponsePlanner() {}

    /**
     * The command to send after a request at event time {@code t} that made {@code firings} fire
     * with combined {@code risk}, if any; updates {@code state}.
     */
    public static Optional<Decision> onRequest(
            EnforcementState state,
            List<Firing> firings,
            double risk,
            RuleSettings settings,
            Exemption exemption,
            long t) {
        ResponsePolicy policy = settings.response();
        if (risk >= policy.releaseBelow()) {
            state.lastRiskyAt = t;
        }
        Target target = target(firings, settings.dryRun() || exemption.dryRun());
        if (exemption.allow() && t < exemption.allowUntil()) {
            return allow(state, target, exemption, t);
        }
        Action current = state.enforcingAt(t);
        if (target != null
                && (target.action.strongerThan(current) || stricterLimit(target, state, current))) {
            return Optional.of(
                    issue(
                            state,
                            target.action,
                            target.response.limit(),
                            t,
                            target.response.ttl().toMillis(),
                            target.ruleIds,
                            Decision.CAUSE_RULE));
        }
        if (current == null || state.lastRiskyAt != t) {
            return Optional.empty();
        }
        List<String> ruleIds = target == null ? List.of() : target.ruleIds;
        if (target != null
                && !policy.escalateAfter().isZero()
                && t - state.levelSince >= policy.escalateAfter().toMillis()
                && current.stepUp() != current
                && !current.stepUp().strongerThan(policy.maxAction())) {
            Action up = current.stepUp();
            // Escalation reaches THROTTLE only from DEGRADE without a THROTTLE rule firing (one
            // firing would have entered THROTTLE above), so the limit is the policy's.
            ThrottleLimit limit = up == Action.THROTTLE ? policy.throttleLimit() : null;
            return Optional.of(
                    issue(state, up, limit, t, state.ttlMillis, ruleIds, Decision.CAUSE_ESCALATED));
        }
        if (state.expiresAt - t < state.ttlMillis / 2) {
            long since = state.levelSince;
            Decision d =
                    issue(
                            state,
                            current,
                            currentLimit(state),
                            t,
                            state.ttlMillis,
                            ruleIds,
                            Decision.CAUSE_RENEWED);
            state.levelSince = since; // a renewal does not restart the escalation clock
            return Optional.of(d);
        }
        return Optional.empty();
    }

    /**
     * The next event time at which something happens to this client without any request: its
     * command lapses, or a cool-down step is due. {@code Long.MAX_VALUE} when nothing is pending.
     */
    public static long nextDeadline(EnforcementState state, ResponsePolicy policy) {
        if (state.action == null) {
            return Long.MAX_VALUE;
        }
        long deadline = state.expiresAt;
        if (!state.action.equals(Action.ALLOW.name())) {
            deadline = Math.min(deadline, coolDownAt(state, policy));
        }
        return deadline;
    }

    /** Runs the deadline due at {@code t} (see {@link #nextDeadline}); updates {@code state}. */
    public static Optional<Decision> onDeadline(
            EnforcementState state, ResponsePolicy policy, long t) {
        if (state.action == null) {
            return Optional.empty();
        }
        if (state.expiresAt <= t) {
            return Optional.of(lift(state, t, Decision.CAUSE_EXPIRED));
        }
        if (!state.action.equals(Action.ALLOW.name()) && coolDownAt(state, policy) <= t) {
            Action down = Action.valueOf(state.action).stepDown();
            if (down == null) {
                return Optional.of(lift(state, t, Decision.CAUSE_COOLED_DOWN));
            }
            ThrottleLimit limit = down == Action.THROTTLE ? policy.throttleLimit() : null;
            return Optional.of(
                    issue(
                            state,
                            down,
                            limit,
                            t,
                            state.ttlMillis,
                            List.of(),
                            Decision.CAUSE_COOLED_DOWN));
        }
        return Optional.empty();
    }

    /**
     * Lifts the command in force now (e.g. when the client's state is dropped), if there is one.
     */
    public static Optional<Decision> liftIfActive(EnforcementState state, long t) {
        return state.activeAt(t)
                ? Optional.of(lift(state, t, Decision.CAUSE_IDLE))
                : Optional.empty();
    }

    private static long coolDownAt(EnforcementState state, ResponsePolicy policy) {
        return Math.max(state.lastRiskyAt, state.levelSince) + policy.coolDown().toMillis();
    }

    private static Optional<Decision> allow(
            EnforcementState state, Target target, Exemption exemption, long t) {
        boolean allowed = state.activeAt(t) && state.action.equals(Action.ALLOW.name());
        boolean enforced = state.enforcingAt(t) != null;
        long expiresAt =
                exemption.allowUntil() == Long.MAX_VALUE
                        ? t + ALLOW_TTL.toMillis()
                        : exemption.allowUntil();
        // ALLOW is sent when there is something to lift or a rule would enforce, and renewed.
        boolean needed = enforced || (target != null && !allowed);
        boolean renew = allowed && target != null && state.expiresAt - t < (expiresAt - t) / 2;
        if (!needed && !renew) {
            return Optional.empty();
        }
        List<String> ruleIds = target == null ? List.of() : target.ruleIds;
        return Optional.of(
                issue(
                        state,
                        Action.ALLOW,
                        null,
                        t,
                        expiresAt - t,
                        ruleIds,
                        Decision.CAUSE_ALLOWLISTED));
    }

    /** A THROTTLE rule asking for a lower rate than the THROTTLE in force. */
    private static boolean stricterLimit(Target target, EnforcementState state, Action current) {
        if (current != Action.THROTTLE
                || target.action != Action.THROTTLE
                || state.limitRequests == 0) {
            return false;
        }
        ThrottleLimit asked = target.response.limit();
        return (double) asked.requests() / asked.perSeconds()
                < (double) state.limitRequests / state.limitPerSeconds;
    }

    private static ThrottleLimit currentLimit(EnforcementState state) {
        return state.limitRequests > 0
                ? new ThrottleLimit(state.limitRequests, state.limitPerSeconds)
                : null;
    }

    private static Decision lift(EnforcementState state, long t, String cause) {
        state.version = nextVersion(state, t);
        state.action = null;
        state.issuedAt = t;
        state.expiresAt = t;
        state.limitRequests = 0;
        state.limitPerSeconds = 0;
        state.levelSince = t;
        return new Decision(null, null, t, t, state.version, List.of(), cause);
    }

    private static Decision issue(
            EnforcementState state,
            Action action,
            ThrottleLimit limit,
            long t,
            long ttlMillis,
            List<String> ruleIds,
            String cause) {
        state.version = nextVersion(state, t);
        state.action = action.name();
        state.issuedAt = t;
        state.expiresAt = t + ttlMillis;
        state.ttlMillis = ttlMillis;
        state.limitRequests = limit == null ? 0 : limit.requests();
        state.limitPerSeconds = limit == null ? 0 : limit.perSeconds();
        state.levelSince = t;
        return new Decision(
                action, limit, t, t + ttlMillis, state.version, List.copyOf(ruleIds), cause);
    }

    /**
     * The next command version: above the previous one, and at least the event time, so that a
     * detector that lost its state (a restart without a checkpoint) still out-versions what the
     * gateways hold from before.
     */
    private static long nextVersion(EnforcementState state, long t) {
        return Math.max(state.version + 1, t);
    }

    /** The strongest enforcing response the firing rules ask for, and which rules ask for it. */
    private static Target target(List<Firing> firings, boolean dryRun) {
        if (dryRun) {
            return null;
        }
        Target best = null;
        for (Firing f : firings) {
            Response r = f.rule().response();
            if (f.rule().dryRun() || !r.action().enforces()) {
                continue;
            }
            if (best == null || r.action().strongerThan(best.action)) {
                best = new Target(r.action(), r, new ArrayList<>());
            }
            if (r.action() == best.action) {
                best.ruleIds.add(f.rule().id());
                best.response = stricter(best.response, r);
            }
        }
        return best;
    }

    /** Of two responses with the same action: the lower rate limit, then the longer TTL. */
    private static Response stricter(Response a, Response b) {
        if (a == b) {
            return a;
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

    private static final class Target {
        final Action action;
        Response response;
        final List<String> ruleIds;

        Target(Action action, Response response, List<String> ruleIds) {
            this.action = action;
            this.response = response;
            this.ruleIds = ruleIds;
        }
    }
}
