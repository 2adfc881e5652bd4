package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortAndIsoForms() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse(" 2 h ")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("P1DT1H")).isEqualTo(Duration.ofHours(25));
        assertThat(Durations.parse("0s")).isZero();
    }

    @Test
    void refusesWithAHint() {
        for (String bad : new String[] {"15 minutes", "", "m", "1.5h", "-5m", "15M", "1w"}) {
            assertThatThrownBy(() -> Durations.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a duration")
                    .hasMessageContaining("15m");
        }
    }

    @Test
    void formatIsTheLargestExactUnit() {
        assertThat(Durations.format(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(Durations.format(Duration.ofHours(25))).isEqualTo("25h");
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void formatThenParseRoundTripsAnyWholeMillisecondDuration() {
        Random r = new Random(101);
        long[] units = {1, 1000, 60_000, 3_600_000, 86_400_000};
        for (int i = 0; i < 10_000; i++) {
            long ms =
                    units[r.nextInt(units.length)] * r.nextInt(100_000)
                            + (r.nextInt(4) == 0 ? r.nextInt(1000) : 0);
            Duration d = Duration.ofMillis(ms);
            assertThat(Durations.parse(Durations.format(d))).as("%d ms", ms).isEqualTo(d);
        }
    }
}
