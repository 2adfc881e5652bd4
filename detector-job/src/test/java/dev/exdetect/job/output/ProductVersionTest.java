package dev.exdetect.job.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version the job reports is the POM's, and outputs carry its release form. */
class ProductVersionTest {
    @Test
    void theBuildVersionIsTheMavenProjectVersion() {
        String pom = System.getProperty("exdetect.pom.version");
        assertThat(pom).as("set by surefire in detector-job/pom.xml").isNotBlank();
        assertThat(ProductVersion.BUILD).isEqualTo(pom);
    }

    @Test
    void outputsCarryTheReleaseWithoutTheSnapshotQualifier() {
        assertThat(ProductVersion.RELEASE)
                .isEqualTo(ProductVersion.BUILD.replaceFirst("-SNAPSHOT$", ""))
                .doesNotContain("SNAPSHOT")
                .matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(OcsfJson.PRODUCT_VERSION).isEqualTo(ProductVersion.RELEASE);
    }
}
