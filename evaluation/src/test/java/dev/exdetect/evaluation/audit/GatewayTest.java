package dev.exdetect.evaluation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.evaluation.audit.Gateway.Treatment;
import dev.exdetect.evaluation.run.Verdicts.CommandHit;
import dev.exdetect.rules.model.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTest {
    @Test
    void degradesAfterTheTriggerUntilALiftAndThenBlocks() {
        Gateway g =
                new Gateway(
                        List.of(
                                new CommandHit(3, 3_000, Action.DEGRADE, 0, 0, 1_000_000),
                                new CommandHit(0, 6_000, null, 0, 0, 0),
                                new CommandHit(8, 8_000, Action.BLOCK, 0, 0, 10_000)));
        assertThat(g.next(1_000, 1)).isEqualTo(Treatment.FULL);
        assertThat(g.next(2_000, 2)).isEqualTo(Treatment.FULL);
        // The trigger itself was answered before the detector saw it.
        assertThat(g.next(3_000, 3)).isEqualTo(Treatment.FULL);
        assertThat(g.next(4_000, 4)).isEqualTo(Treatment.DEGRADED);
        assertThat(g.next(5_000, 5)).isEqualTo(Treatment.DEGRADED);
        assertThat(g.next(6_000, 6)).isEqualTo(Treatment.FULL);
        assertThat(g.next(8_000, 8)).isEqualTo(Treatment.FULL);
        assertThat(g.next(9_000, 9)).isEqualTo(Treatment.REFUSED);
        // Expired.
        assertThat(g.next(10_000, 10)).isEqualTo(Treatment.FULL);
    }

    @Test
    void throttleServesItsAllowancePerWindowAndRefusesTheRest() {
        Gateway g = new Gateway(List.of(new CommandHit(1, 0, Action.THROTTLE, 2, 60, 1_000_000)));
        assertThat(g.next(0, 1)).isEqualTo(Treatment.FULL);
        assertThat(g.next(1_000, 2)).isEqualTo(Treatment.FULL);
        assertThat(g.next(2_000, 3)).isEqualTo(Treatment.FULL);
        assertThat(g.next(3_000, 4)).isEqualTo(Treatment.REFUSED);
        assertThat(g.next(59_000, 5)).isEqualTo(Treatment.REFUSED);
        // The first served request (at 1 s) has left the 60 s window.
        assertThat(g.next(61_500, 6)).isEqualTo(Treatment.FULL);
        assertThat(g.next(61_600, 7)).isEqualTo(Treatment.REFUSED);
    }

    @Test
    void monitorChangesNothing() {
        Gateway g = new Gateway(List.of(new CommandHit(1, 0, Action.MONITOR, 0, 0, 1_000_000)));
        assertThat(g.next(5, 2)).isEqualTo(Treatment.FULL);
    }
}
