package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.io.JsonLinesFileSink;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.request.RawRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole pipeline with the bundled rules over records held in memory, on the test's Flink
 * mini-cluster, writing the file outputs of {@code replay}; what a pipeline test reads back.
 */
public record PipelineRun(
        List<JsonNode> alerts, List<JsonNode> throttles, List<JsonNode> rejected) {

    /** Runs {@code records} in {@code mode} at parallelism 2, writing under {@code out}. */
    public static PipelineRun of(List<RawRecord> records, RuntimeExecutionMode mode, Path out)
            throws Exception {
        Configuration conf = new Configuration();
        // Every Flink type in the pipeline must have a real serializer, never the Kryo fallback.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(mode);
        env.setParallelism(2);
        Files.createDirectories(out);
        DetectorPipeline.build(
                env,
                new DetectorPipeline.Inputs(
                        InMemorySource.of(records),
                        DetectionOptions.bundledRules(),
                        null,
                        null,
                        EventTimeRange.ALL),
                new DetectorPipeline.Outputs(
                        new JsonLinesFileSink(out.resolve("alerts.jsonl")),
                        new JsonLinesFileSink(out.resolve("throttles.jsonl")),
                        new JsonLinesFileSink(out.resolve("rejected.jsonl")),
                        null,
                        null,
                        true),
                DetectorConfig.defaults());
        env.execute("pipeline test");
        return new PipelineRun(
                TestLogs.read(out.resolve("alerts.jsonl")),
                TestLogs.read(out.resolve("throttles.jsonl")),
                TestLogs.read(out.resolve("rejected.jsonl")));
    }
}
