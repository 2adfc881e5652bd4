package dev.exdetect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.gateway.ThrottleCommand.Action;
import dev.exdetect.gateway.Verdict.Kind;
import org.junit.jupiter.api.Test;

class EnforcementTableTest {
    private static final String KEY = "contoso:prober-1";
    private final EnforcementTable table = new EnforcementTable();

    private static ThrottleCommand command(Action action, int version, long expiresAt) {
        return new ThrottleCommand(
                KEY,
                "c" + version,
                action,
                action == Action.THROTTLE ? 2 : 0,
                action == Action.THROTTLE ? 60 : 0,
                0,
                expiresAt,
                version);
    }

    @Test
    void aClientWithoutACommandIsServed() {
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
        assertThat(table.decide(KEY, 0).command()).isNull();
    }

    @Test
    void throttleServesTheLimitThenRefusesWithTheWaitForTheNextToken() {
        table.apply(command(Action.THROTTLE, 1, 1_000_000));
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
        Verdict refused = table.decide(KEY, 0);
        assertThat(refused.kind()).isEqualTo(Kind.LIMITED);
        assertThat(refused.retryAfterMillis()).isEqualTo(30_000);
        assertThat(table.decide("acme:user-001", 0).kind()).isEqualTo(Kind.SERVE);
    }

    @Test
    void blockRefusesUntilTheCommandExpiresAndThenServesWithoutALift() {
        table.apply(command(Action.BLOCK, 1, 50_000));
        Verdict v = table.decide(KEY, 20_000);
        assertThat(v.kind()).isEqualTo(Kind.BLOCKED);
        assertThat(v.retryAfterMillis()).isEqualTo(30_000);
        assertThat(table.decide(KEY, 49_999).kind()).isEqualTo(Kind.BLOCKED);
        assertThat(table.decide(KEY, 50_000).kind()).isEqualTo(Kind.SERVE);
        assertThat(table.held(KEY)).as("an expired command is dropped").isEmpty();
    }

    @Test
    void aLowerVersionIsStaleAndAnEqualOneIsADuplicate() {
        assertThat(table.apply(command(Action.BLOCK, 3, 100_000)))
                .isEqualTo(EnforcementTable.Applied.APPLIED);
        assertThat(table.apply(command(Action.DEGRADE, 2, 100_000)))
                .isEqualTo(EnforcementTable.Applied.STALE);
        assertThat(table.apply(command(Action.ALLOW, 3, 100_000)))
                .isEqualTo(EnforcementTable.Applied.DUPLICATE);
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.BLOCKED);
        assertThat(table.apply(command(Action.DEGRADE, 4, 100_000)))
                .isEqualTo(EnforcementTable.Applied.APPLIED);
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.DEGRADE);
    }

    @Test
    void aLiftForgetsTheKeySoVersionsMayStartAgain() {
        table.apply(command(Action.BLOCK, 5, 100_000));
        assertThat(table.lift(KEY)).isTrue();
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
        assertThat(table.apply(command(Action.DEGRADE, 1, 100_000)))
                .isEqualTo(EnforcementTable.Applied.APPLIED);
        assertThat(table.lift("nobody")).isFalse();
    }

    @Test
    void aRenewalWithTheSameLimitKeepsTheBucketSoItIsNoFreshBurst() {
        table.apply(command(Action.THROTTLE, 1, 100_000));
        table.decide(KEY, 0);
        table.decide(KEY, 0);
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.LIMITED);
        table.apply(command(Action.THROTTLE, 2, 200_000));
        assertThat(table.decide(KEY, 1).kind()).isEqualTo(Kind.LIMITED);
    }

    @Test
    void monitorAndAllowServe() {
        table.apply(command(Action.MONITOR, 1, 100_000));
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
        table.apply(command(Action.ALLOW, 2, 100_000));
        assertThat(table.decide(KEY, 0).kind()).isEqualTo(Kind.SERVE);
    }
}
