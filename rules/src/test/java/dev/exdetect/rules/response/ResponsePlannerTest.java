package dev.exdetect.rules.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.rules.expr.ExpressionParser;
import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Response;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.Rule;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.SeverityBands;
import dev.exdetect.rules.model.ThrottleLimit;
import dev.exdetect.rules.scoring.Firing;
import dev.exdetect.rules.scoring.RuleEvaluator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsePlannerTest {
    private static final long MINUTE = 60_000;
    private static final ThrottleLimit POLICY_LIMIT = new ThrottleLimit(10, 60);

    /** Escalate after 30 min up to BLOCK; calm below 0.3 for 15 min steps down. */
    private static final ResponsePolicy POLICY =
            new ResponsePolicy(
                    Duration.ofMinutes(30),
                    Action.BLOCK,
                    0.3,
                    Duration.ofMinutes(15),
                    POLICY_LIMIT);

    private static final RuleSettings ENFORCING = settings(POLICY, false);

    private static RuleSettings settings(ResponsePolicy policy, boolean dryRun) {
        return new RuleSettings(SeverityBands.defaults(), Duration.ofMinutes(10), dryRun, policy);
    }

    private static Firing fire(String id, double score, Response response, boolean dryRun) {
        try {
            Rule rule =
                    new Rule(
                            id,
                            1,
                            "test",
                            AttackType.UNKNOWN,
                            Instant.EPOCH,
                            "requests_total > 0",
                            ExpressionParser.parse("requests_total > 0"),
                            0,
                            score,
                            response,
                            dryRun);
            return new Firing(rule, List.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Firing fire(String id, Response response) {
        return fire(id, 0.7, response, false);
    }

    private static Response degrade(long ttlMinutes) {
        return new Response(Action.DEGRADE, null, Duration.ofMinutes(ttlMinutes));
    }

    private static Response throttle(int requests, int perSeconds, long ttlMinutes) {
        return new Response(
                Action.THROTTLE,
                new ThrottleLimit(requests, perSeconds),
                Duration.ofMinutes(ttlMinutes));
    }

    private static Response block(long ttlMinutes) {
        return new Response(Action.BLOCK, null, Duration.ofMinutes(ttlMinutes));
    }

    /** A request at {@code t} on which {@code firings} fired (risk combined as the job does). */
    private static Optional<Decision> request(EnforcementState s, long t, Firing... firings) {
        return request(s, t, ENFORCING, Exemption.NONE, firings);
    }

    private static Optional<Decision> request(
            EnforcementState s,
            long t,
            RuleSettings settings,
            Exemption exemption,
            Firing... firings) {
        List<Firing> list = List.of(firings);
        return ResponsePlanner.onRequest(
                s, list, RuleEvaluator.riskScore(list), settings, exemption, t);
    }

    /** Runs every deadline up to {@code t}, as the job does when time passes without requests. */
    private static List<Decision> passTime(EnforcementState s, long t) {
        List<Decision> out = new java.util.ArrayList<>();
        long next;
        while ((next = ResponsePlanner.nextDeadline(s, POLICY)) <= t) {
            out.add(ResponsePlanner.onDeadline(s, POLICY, next).orElseThrow());
        }
        return out;
    }

    @Test
    void monitorOnlyRulesNeverCommand() {
        EnforcementState s = new EnforcementState();
        for (long t = 0; t < 100 * MINUTE; t += MINUTE) {
            assertThat(request(s, t, fire("m", Response.monitor()))).isEmpty();
        }
        assertThat(s.action).isNull();
        assertThat(s.version).isZero();
        assertThat(ResponsePlanner.nextDeadline(s, POLICY)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aStrongerRuleEntersAtOnceWithIncreasingVersions() {
        EnforcementState s = new EnforcementState();
        Decision first = request(s, 1000, fire("d", degrade(30))).orElseThrow();
        assertThat(first.action()).isEqualTo(Action.DEGRADE);
        assertThat(first.version()).as("never below the event time").isEqualTo(1000);
        assertThat(first.expiresAt()).isEqualTo(1000 + 30 * MINUTE);
        assertThat(first.ruleIds()).containsExactly("d");
        assertThat(first.cause()).isEqualTo(Decision.CAUSE_RULE);

        Decision second =
                request(s, 2000, fire("d", degrade(30)), fire("t", throttle(10, 60, 15)))
                        .orElseThrow();
        assertThat(second.action()).isEqualTo(Action.THROTTLE);
        assertThat(second.limit()).isEqualTo(new ThrottleLimit(10, 60));
        assertThat(second.version()).isEqualTo(2000);
        assertThat(second.ruleIds()).containsExactly("t");

        assertThat(request(s, 3000, fire("d", degrade(30))))
                .as("a weaker rule changes nothing")
                .isEmpty();
    }

    @Test
    void theStricterOfTwoThrottlesWinsAndAStricterOneLaterReplacesALooserOne() {
        EnforcementState s = new EnforcementState();
        Decision d =
                request(s, 0, fire("a", throttle(30, 60, 10)), fire("b", throttle(5, 60, 10)))
                        .orElseThrow();
        assertThat(d.limit()).isEqualTo(new ThrottleLimit(5, 60));
        assertThat(d.ruleIds()).containsExactly("a", "b");

        EnforcementState s2 = new EnforcementState();
        request(s2, 0, fire("a", throttle(30, 60, 10)));
        Decision stricter = request(s2, MINUTE, fire("b", throttle(5, 60, 10))).orElseThrow();
        assertThat(stricter.limit()).isEqualTo(new ThrottleLimit(5, 60));
        assertThat(request(s2, 2 * MINUTE, fire("a", throttle(30, 60, 10))))
                .as("a looser one does not")
                .isEmpty();
    }

    @Test
    void aPersistentClientIsRenewedOnlyWhenLessThanHalfItsTtlRemains() {
        EnforcementState s = new EnforcementState();
        ResponsePolicy noEscalation =
                new ResponsePolicy(
                        Duration.ZERO, Action.BLOCK, 0.3, Duration.ofMinutes(15), POLICY_LIMIT);
        RuleSettings settings = settings(noEscalation, false);
        request(s, 0, settings, Exemption.NONE, fire("d", degrade(20)));
        for (long t = MINUTE; t < 10 * MINUTE; t += MINUTE) {
            assertThat(request(s, t, settings, Exemption.NONE, fire("d", degrade(20))))
                    .as("t=%d", t)
                    .isEmpty();
        }
        Decision renewed =
                request(s, 10 * MINUTE + 1, settings, Exemption.NONE, fire("d", degrade(20)))
                        .orElseThrow();
        assertThat(renewed.action()).isEqualTo(Action.DEGRADE);
        assertThat(renewed.cause()).isEqualTo(Decision.CAUSE_RENEWED);
        assertThat(renewed.expiresAt()).isEqualTo(30 * MINUTE + 1);
        assertThat(renewed.version()).isEqualTo(10 * MINUTE + 1);
    }

    @Test
    void sustainedRiskEscalatesOneLevelAtATimeUpToTheMaximum() {
        EnforcementState s = new EnforcementState();
        request(s, 0, fire("d", degrade(120)));
        assertThat(request(s, 29 * MINUTE, fire("d", degrade(120)))).isEmpty();
        Decision up = request(s, 30 * MINUTE, fire("d", degrade(120))).orElseThrow();
        assertThat(up.action()).isEqualTo(Action.THROTTLE);
        assertThat(up.limit())
                .as("the policy's limit, no THROTTLE rule fired")
                .isEqualTo(POLICY_LIMIT);
        assertThat(up.cause()).isEqualTo(Decision.CAUSE_ESCALATED);
        Decision block = request(s, 60 * MINUTE, fire("d", degrade(120))).orElseThrow();
        assertThat(block.action()).isEqualTo(Action.BLOCK);
        assertThat(request(s, 90 * MINUTE, fire("d", degrade(120))))
                .as("BLOCK is the top, and half its TTL is still ahead: nothing to send")
                .isEmpty();
        assertThat(s.action).isEqualTo("BLOCK");

        EnforcementState capped = new EnforcementState();
        RuleSettings toThrottle =
                settings(
                        new ResponsePolicy(
                                Duration.ofMinutes(30),
                                Action.THROTTLE,
                                0.3,
                                Duration.ofMinutes(15),
                                POLICY_LIMIT),
                        false);
        request(capped, 0, toThrottle, Exemption.NONE, fire("d", degrade(120)));
        request(capped, 30 * MINUTE, toThrottle, Exemption.NONE, fire("d", degrade(120)));
        assertThat(capped.action).isEqualTo("THROTTLE");
        assertThat(
                        request(
                                        capped,
                                        60 * MINUTE,
                                        toThrottle,
                                        Exemption.NONE,
                                        fire("d", degrade(120)))
                                .map(Decision::action))
                .as("max_action THROTTLE stops escalation")
                .isNotEqualTo(Optional.of(Action.BLOCK));
        assertThat(capped.action).isEqualTo("THROTTLE");
    }

    @Test
    void aCalmClientStepsDownOneLevelPerCoolDownThenIsLifted() {
        EnforcementState s = new EnforcementState();
        request(s, 0, fire("t", throttle(10, 60, 120)));
        // Calm requests (no rule fires) do not reset the cool-down clock.
        assertThat(request(s, 5 * MINUTE)).isEmpty();
        assertThat(ResponsePlanner.nextDeadline(s, POLICY)).isEqualTo(15 * MINUTE);
        List<Decision> steps = passTime(s, 40 * MINUTE);
        assertThat(steps).extracting(Decision::action).containsExactly(Action.DEGRADE, null);
        assertThat(steps).extracting(Decision::issuedAt).containsExactly(15 * MINUTE, 30 * MINUTE);
        assertThat(steps)
                .allSatisfy(d -> assertThat(d.cause()).isEqualTo(Decision.CAUSE_COOLED_DOWN));
        assertThat(s.action).isNull();
        assertThat(s.version).isEqualTo(30 * MINUTE);
    }

    @Test
    void hysteresisMeansRiskAboveTheReleaseThresholdKeepsTheClientEnforced() {
        EnforcementState s = new EnforcementState();
        request(s, 0, fire("t", throttle(10, 60, 120)));
        // The enforcing rule no longer fires, but a MONITOR rule keeps the risk at 0.4 >= 0.3.
        for (long t = MINUTE; t <= 40 * MINUTE; t += MINUTE) {
            request(s, t, fire("m", 0.4, Response.monitor(), false));
            assertThat(passTime(s, t)).as("t=%d", t).isEmpty();
        }
        assertThat(s.action).isEqualTo("THROTTLE");
        // Below the release threshold it cools down.
        request(s, 41 * MINUTE, fire("m", 0.2, Response.monitor(), false));
        assertThat(passTime(s, 40 * MINUTE + 15 * MINUTE))
                .extracting(Decision::action)
                .containsExactly(Action.DEGRADE);
    }

    @Test
    void aCommandThatIsNotRenewedExpiresAndIsLifted() {
        EnforcementState s = new EnforcementState();
        ResponsePolicy slowCoolDown =
                new ResponsePolicy(
                        Duration.ZERO, Action.BLOCK, 0.3, Duration.ofHours(5), POLICY_LIMIT);
        request(s, 0, settings(slowCoolDown, false), Exemption.NONE, fire("b", block(10)));
        assertThat(ResponsePlanner.nextDeadline(s, slowCoolDown)).isEqualTo(10 * MINUTE);
        Decision lift = ResponsePlanner.onDeadline(s, slowCoolDown, 10 * MINUTE).orElseThrow();
        assertThat(lift.isLift()).isTrue();
        assertThat(lift.cause()).isEqualTo(Decision.CAUSE_EXPIRED);
        assertThat(lift.version()).isEqualTo(10 * MINUTE);
        assertThat(s.activeAt(10 * MINUTE)).isFalse();
        assertThat(ResponsePlanner.onDeadline(s, slowCoolDown, 11 * MINUTE)).isEmpty();
    }

    @Test
    void shadowModeNeverEnforcesWhetherSetOnTheRuleThePackOrTheClient() {
        Firing shadowRule = fire("d", 0.9, degrade(30), true);
        EnforcementState a = new EnforcementState();
        assertThat(request(a, 0, shadowRule)).isEmpty();
        EnforcementState b = new EnforcementState();
        assertThat(request(b, 0, settings(POLICY, true), Exemption.NONE, fire("d", degrade(30))))
                .isEmpty();
        EnforcementState c = new EnforcementState();
        assertThat(
                        request(
                                c,
                                0,
                                ENFORCING,
                                new Exemption(false, true, Long.MAX_VALUE),
                                fire("d", degrade(30))))
                .isEmpty();
        assertThat(List.of(a.version, b.version, c.version)).containsOnly(0L);
    }

    @Test
    void anAllowlistedClientGetsAllowWhichLiftsAnActiveCommandAndIsNotResentPerRequest() {
        EnforcementState s = new EnforcementState();
        request(s, 0, fire("t", throttle(10, 60, 60)));
        Exemption allow = new Exemption(true, false, 50 * MINUTE);
        Decision allowed =
                request(s, MINUTE, ENFORCING, allow, fire("t", throttle(10, 60, 60))).orElseThrow();
        assertThat(allowed.action()).isEqualTo(Action.ALLOW);
        assertThat(allowed.cause()).isEqualTo(Decision.CAUSE_ALLOWLISTED);
        assertThat(allowed.expiresAt()).as("until the allowlisting ends").isEqualTo(50 * MINUTE);
        assertThat(s.enforcingAt(MINUTE)).isNull();
        for (long t = 2 * MINUTE; t < 20 * MINUTE; t += MINUTE) {
            assertThat(request(s, t, ENFORCING, allow, fire("t", throttle(10, 60, 60)))).isEmpty();
        }
        // When the allowlisting has ended, the rules apply again.
        passTime(s, 50 * MINUTE);
        Decision again =
                request(s, 51 * MINUTE, ENFORCING, allow, fire("t", throttle(10, 60, 60)))
                        .orElseThrow();
        assertThat(again.action()).isEqualTo(Action.THROTTLE);
    }

    @Test
    void anAllowlistedClientThatNothingFiresForGetsNoCommand() {
        EnforcementState s = new EnforcementState();
        assertThat(request(s, 0, ENFORCING, new Exemption(true, false, Long.MAX_VALUE))).isEmpty();
        assertThat(
                        request(
                                s,
                                1,
                                ENFORCING,
                                new Exemption(true, false, Long.MAX_VALUE),
                                fire("m", Response.monitor())))
                .isEmpty();
    }

    @Test
    void versionsKeepIncreasingWithinAMillisecondAndAcrossALossOfState() {
        EnforcementState s = new EnforcementState();
        Decision degrade = request(s, 5000, fire("d", degrade(30))).orElseThrow();
        Decision throttle = request(s, 5000, fire("t", throttle(10, 60, 30))).orElseThrow();
        assertThat(throttle.version()).isGreaterThan(degrade.version());

        // The detector restarted without its state: a gateway still holds the old version.
        EnforcementState fresh = new EnforcementState();
        Decision after = request(fresh, 6000, fire("b", block(30))).orElseThrow();
        assertThat(after.version()).isGreaterThan(throttle.version());
    }
}
