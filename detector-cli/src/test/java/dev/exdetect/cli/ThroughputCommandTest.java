package dev.exdetect.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.evaluation.throughput.Throughput;
import dev.exdetect.evaluation.throughput.ThroughputReport;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.launch.DetectionOptions;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code throughput}: checks what must hold whatever the machine's speed (every variant read the
 * whole log and accounted for every record, the variants are different jobs, medians and ratios
 * come from the measured times, the report has every variant), never how fast anything was. The run
 * goes through {@link Throughput} and {@link ThroughputReport} as the command does, on a small
 * population: the benchmark population has a floor of about 60,000 requests, too many for a unit
 * test. Bad usage goes through the command line.
 */
class ThroughputCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cli(String... args) {
        return DetectorCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void runsEveryVariantOverTheWholeLogAndReportsRatiosOfTheMeasuredTimes() throws Exception {
        Corpus corpus = Corpus.builtIn();
        Population.Plan plan = Population.audit(4, Family.LOGIT_SWEEP, 200, 12, corpus);
        Throughput.Result result =
                Throughput.run(
                        new Throughput.Settings(
                                4,
                                1,
                                corpus,
                                DetectionOptions.bundledRules(),
                                DetectorConfig.defaults(),
                                1,
                                1,
                                dir.resolve("work")),
                        plan,
                        new Progress(new PrintWriter(err, true), "throughput"));
        Path file = dir.resolve("throughput.json");
        ThroughputReport.writeJson(result, file);

        JsonNode r = Json.MAPPER.readTree(file.toFile());
        assertThat(r.path("schema").asText()).isEqualTo("exdetect.throughput.v1");
        assertThat(r.path("rounds").asInt()).isEqualTo(1);
        assertThat(r.path("parallelism").asInt()).isEqualTo(1);
        assertThat(r.path("clients").asInt()).isEqualTo(plan.clients().size());
        assertThat(r.path("complete").asBoolean()).isTrue();
        long records = r.path("records").asLong();
        assertThat(records).isPositive();

        // One job per variant (one round: a unit test need not pay for more Flink jobs), each
        // over the whole log, every record accounted for (a simulation has no invalid records).
        JsonNode runs = r.path("runs");
        assertThat(runs).hasSize(3);
        Map<String, JsonNode> run = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode m : runs) {
            run.put(m.path("variant").asText(), m);
            order.add(m.path("slot").asInt() + ":" + m.path("variant").asText());
            assertThat(m.path("round").asInt()).isEqualTo(1);
            assertThat(m.path("records_read").asLong()).isEqualTo(records);
            assertThat(m.path("records_accepted").asLong()).isEqualTo(records);
            assertThat(m.path("records_rejected").asLong()).isZero();
            assertThat(m.path("records_skipped").asLong()).isZero();
            assertThat(m.path("reconciled").asBoolean()).isTrue();
            assertThat(m.path("wall_seconds").asDouble()).isPositive();
        }
        assertThat(order).containsExactly("1:baseline", "2:detector-no-linkage", "3:detector");

        // The variants are the jobs they claim to be: the baseline detects nothing, both
        // detectors catch the attacker, and linkage adds operators.
        JsonNode base = run.get("baseline");
        JsonNode plain = run.get("detector-no-linkage");
        JsonNode full = run.get("detector");
        assertThat(base.path("alerts").asLong()).isZero();
        assertThat(plain.path("alerts").asLong()).isPositive();
        assertThat(full.path("alerts").asLong()).isPositive();
        assertThat(base.path("operators").asInt()).isLessThan(plain.path("operators").asInt());
        assertThat(plain.path("operators").asInt()).isLessThan(full.path("operators").asInt());

        // Medians (of one round: the time itself) and ratios come from the measured times.
        Map<String, Double> median = new HashMap<>();
        for (JsonNode v : r.path("variants")) {
            String id = v.path("variant").asText();
            double time = run.get(id).path("wall_seconds").asDouble();
            assertThat(v.path("wall_seconds")).hasSize(1);
            assertThat(v.path("median_seconds").asDouble()).isEqualTo(time);
            assertThat(v.path("median_records_per_second").asDouble())
                    .isCloseTo(records / time, within(0.01 * records / time + 1));
            median.put(id, time);
        }
        assertThat(median).containsOnlyKeys("baseline", "detector-no-linkage", "detector");
        for (JsonNode v : r.path("variants")) {
            double ratio = v.path("ratio_to_baseline").asDouble();
            assertThat(ratio)
                    .isPositive()
                    .isCloseTo(
                            median.get(v.path("variant").asText()) / median.get("baseline"),
                            within(0.01 * ratio));
        }
        assertThat(r.path("variants").get(0).path("ratio_to_baseline").asDouble()).isEqualTo(1.0);
        double linkage = r.path("linkage_ratio").asDouble();
        assertThat(linkage)
                .isPositive()
                .isCloseTo(
                        median.get("detector") / median.get("detector-no-linkage"),
                        within(0.01 * linkage));

        // Progress while running; the Markdown table has every variant and its ratio.
        assertThat(err.toString())
                .contains("throughput: simulated " + String.format("%,d", records) + " records")
                .contains("throughput: round 1/1 baseline: " + String.format("%,d", records))
                .contains("throughput: round 1/1 detector: " + String.format("%,d", records));
        String md = ThroughputReport.markdown(result);
        for (Throughput.Variant v : Throughput.Variant.values()) {
            // The row of v ends with its ratio (formatted from the unrounded value).
            assertThat(md.lines().filter(l -> l.startsWith("| " + v.id() + " |")))
                    .singleElement()
                    .asString()
                    .endsWith(
                            String.format(
                                    Locale.ROOT,
                                    "| %.2f |",
                                    result.ratio(v, Throughput.Variant.BASELINE)));
        }
        assertThat(md).contains("Detector with linkage ÷ without").doesNotContain("WARNING");
    }

    @Test
    void refusesNoLinkageSinceItRunsBothItself() {
        assertThat(cli("throughput", "--scale", "0.001", "--no-linkage")).isEqualTo(2);
        assertThat(err.toString()).contains("drop --no-linkage");
    }

    @Test
    void refusesNonPositiveRoundsAndScaleBeforeSimulating() {
        assertThat(cli("throughput", "--rounds", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be at least 1");
        assertThat(cli("throughput", "--scale", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--scale must be positive");
        assertThat(err.toString()).doesNotContain("simulat");
    }

    @Test
    void refusesUnknownOptionsWithASuggestion() {
        assertThat(cli("throughput", "--round", "2")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown option")
                .contains("Possible solutions: --rounds");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(cli("throughput", "--help")).isZero();
        assertThat(out.toString())
                .contains("--rounds=R")
                .contains("--scale=X")
                .contains("--seed")
                .contains("--output=FILE")
                .contains("--parallelism")
                .contains("--corpus=DIR");
    }
}
