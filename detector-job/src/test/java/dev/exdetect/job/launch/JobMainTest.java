package dev.exdetect.job.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The cluster entry class: the options of {@code run}, and failures as exceptions, never an exit.
 */
class JobMainTest {
    @Test
    void aLeadingRunIsSkipped() {
        assertThat(JobMain.runOptions(new String[] {"run", "--bootstrap-servers", "k:9092"}))
                .containsExactly("--bootstrap-servers", "k:9092");
        assertThat(JobMain.runOptions(new String[] {"--bootstrap-servers", "k:9092"}))
                .containsExactly("--bootstrap-servers", "k:9092");
        assertThat(JobMain.runOptions(new String[0])).isEmpty();
    }

    @Test
    void badArgumentsThrowInsteadOfExiting() {
        // Exit code 2 (bad usage) would have ended the JobManager's JVM through System.exit.
        assertThatThrownBy(() -> JobMain.main(new String[] {"replay", "--input", "x"}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 2");
        assertThatThrownBy(
                        () ->
                                JobMain.main(
                                        new String[] {
                                            "--bootstrap-servers",
                                            "127.0.0.1:1",
                                            "--rules",
                                            "/no/such/rules.yaml"
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exit code 2");
    }
}
