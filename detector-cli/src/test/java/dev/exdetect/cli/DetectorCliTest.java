package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.job.output.ProductVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The program's own options. */
class DetectorCliTest {
    @Test
    void versionIsTheVersionTheJarWasBuiltFrom() {
        StringWriter out = new StringWriter();
        int code =
                DetectorCli.execute(
                        new PrintWriter(out, true),
                        new PrintWriter(new StringWriter(), true),
                        "--version");
        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("exdetect " + ProductVersion.BUILD);
        assertThat(ProductVersion.BUILD).doesNotContain("${");
    }
}
