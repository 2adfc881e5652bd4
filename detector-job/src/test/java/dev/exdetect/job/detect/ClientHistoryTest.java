package dev.exdetect.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.job.model.ClientHistory;
import org.junit.jupiter.api.Test;

class ClientHistoryTest {
    @Test
    void keepsTheLastFiveOfEachNewestLastAndCountsAll() {
        ClientHistory h = new ClientHistory();
        for (int i = 1; i <= 7; i++) {
            h.episodeClosed("a" + i, i * 10L, i * 10L + 5, "HIGH", new String[] {"r1", "r2"});
            h.commandSent("c" + i, i % 2 == 0 ? null : "THROTTLE", i, i + 100L, "a" + i);
        }
        assertThat(h.episodeIds).containsExactly("a3", "a4", "a5", "a6", "a7");
        assertThat(h.episodeOpenedAt).containsExactly(30, 40, 50, 60, 70);
        assertThat(h.episodeClosedAt).containsExactly(35, 45, 55, 65, 75);
        assertThat(h.episodeRules).containsOnly("r1,r2");
        assertThat(h.episodesTotal).isEqualTo(7);
        assertThat(h.commandIds).containsExactly("c3", "c4", "c5", "c6", "c7");
        assertThat(h.commandActions)
                .containsExactly("THROTTLE", "LIFT", "THROTTLE", "LIFT", "THROTTLE");
        assertThat(h.commandExpiresAt).containsExactly(103, 104, 105, 106, 107);
        assertThat(h.commandsTotal).isEqualTo(7);
    }
}
