package dev.exdetect.job.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The cluster entry class: {@code run} by default, and failures as exceptions, never an exit. */
class ClusterMainTest {
    @Test
    void optionsAloneMeanRun() {
        assertThat(ClusterMain.withCommand(new String[] {"--bootstrap-servers", "k:9092"}))
                .containsExactly("run", "--bootstrap-servers", "k:9092");
        assertThat(ClusterMain.withCommand(new String[] {"replay", "--input", "x"}))
                .containsExactly("replay", "--input", "x");
        assertThat(ClusterMain.withCommand(new String[0])).containsExactly("run");
    }

    @Test
    void aFailingCommandThrowsInsteadOfExiting() {
        // Exit code 2 (bad input) would have ended the JobManager's JVM through System.exit.
        assertThatThrownBy(
                        () ->
                                ClusterMain.main(
                                        new String[] {"rules", "validate", "/no/such/rules.yaml"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 2");
    }
}
