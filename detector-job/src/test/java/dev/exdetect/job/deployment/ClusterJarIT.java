package dev.exdetect.job.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * {@code detector-cluster.jar} holds the job and what a Flink distribution lacks, nothing else: no
 * simulator, command-line tooling, evaluation, gateway, test broker, test framework or Flink itself
 * (the cluster provides Flink). Runs after {@code package}, on the jar users deploy.
 */
class ClusterJarIT {
    @Test
    void theClusterJarHoldsTheJobAndNoTooling() throws Exception {
        List<String> entries;
        try (JarFile jar = new JarFile(Path.of("target", "detector-cluster.jar").toFile())) {
            entries = jar.stream().map(e -> e.getName()).toList();
        }
        assertThat(entries)
                .contains(
                        "dev/exdetect/job/pipeline/DetectorPipeline.class",
                        "dev/exdetect/job/launch/JobMain.class",
                        "dev/exdetect/features/engine/FeatureEngine.class",
                        "dev/exdetect/rules/parse/RulePackParser.class",
                        "rules/default-rules.yaml");
        assertThat(entries)
                .noneMatch(
                        e ->
                                e.startsWith("dev/exdetect/cli/")
                                        || e.startsWith("dev/exdetect/simulation/")
                                        || e.startsWith("dev/exdetect/evaluation/")
                                        || e.startsWith("dev/exdetect/gateway/")
                                        || e.startsWith("dev/exdetect/embedded/")
                                        || e.startsWith("dev/exdetect/job/testing/")
                                        || e.startsWith("org/apache/kafka/common/test/")
                                        || e.startsWith("kafka/server/")
                                        || e.startsWith("org/junit/")
                                        || e.startsWith("org/openjdk/jmh/")
                                        || e.startsWith("org/apache/flink/streaming/api/")
                                        || e.startsWith("org/apache/flink/runtime/")
                                        || e.startsWith("org/apache/logging/log4j/core/"));
    }
}
