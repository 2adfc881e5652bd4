package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The {@code demo} command as a user runs it: embedded broker, simulator, detector and console. How
 * soon the first alert comes is printed and recorded in the README, not asserted.
 */
class DemoCommandTest {
    @Test
    void theDemoShowsAnAlertOnASimulatedAttackerWithItsPopulationContext() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                DetectorCli.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "demo",
                        "--stop-after-alerts",
                        "1",
                        "--duration",
                        "4m");
        String console = out.toString();
        System.out.println(console);
        assertThat(code).as("exit 0 once an alert was shown; 3 when none came").isZero();
        String alert =
                console.lines().filter(l -> l.startsWith("[ALERT]")).findFirst().orElseThrow();
        assertThat(alert)
                .as("the first alert is on an attacker, not on a benign user")
                .containsAnyOf("harvester-1", "prober-1")
                .contains("vs normal median");
        assertThat(console).containsPattern("first alert after \\d+ s");
    }
}
