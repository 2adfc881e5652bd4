package dev.exdetect.evaluation.throughput;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.evaluation.benchmark.BenchmarkReport;
import dev.exdetect.evaluation.throughput.Throughput.Measurement;
import dev.exdetect.evaluation.throughput.Throughput.Variant;
import dev.exdetect.job.output.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.DoubleSummaryStatistics;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a {@link Throughput.Result}: a Markdown table (printed, pasted into docs/BENCHMARKS.md)
 * and JSON (schema {@code exdetect.throughput.v1}).
 */
public final class ThroughputReport {
    private ThroughputReport() {}

    /** The result as Markdown. */
    public static String markdown(Throughput.Result r) {
        Throughput.Settings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append(
                String.format(
                        Locale.ROOT,
                        "Seed %d, scale %s, corpus %s: %,d records from %,d clients (simulated in"
                                + " %.0f s). Parallelism %d, %d round(s), variants interleaved;"
                                + " %d processors, load average %s during the runs.%n%n",
                        s.seed(),
                        BenchmarkReport.trim(s.scale()),
                        s.corpus().source(),
                        r.records(),
                        r.clients(),
                        r.simulateSeconds(),
                        s.parallelism(),
                        s.rounds(),
                        Runtime.getRuntime().availableProcessors(),
                        loadRange(r)));
        md.append("| variant | what runs | records read | s per round | median s |")
                .append(" median records/s | median time ÷ baseline |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Variant v : Variant.values()) {
            md.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s | %.1f | %,.0f | %.2f |%n",
                            v.id(),
                            v.description(),
                            // One number when every round read the same (as it must).
                            r.of(v).stream()
                                    .map(m -> String.format(Locale.ROOT, "%,d", m.read()))
                                    .distinct()
                                    .collect(Collectors.joining(" / ")),
                            r.of(v).stream()
                                    .map(m -> String.format(Locale.ROOT, "%.1f", m.wallSeconds()))
                                    .collect(Collectors.joining(" / ")),
                            r.medianSeconds(v),
                            r.medianRecordsPerSecond(v),
                            r.ratio(v, Variant.BASELINE)));
        }
        md.append(
                String.format(
                        Locale.ROOT,
                        "%nDetector with linkage ÷ without (median times): %.2f.%s%n",
                        r.ratio(Variant.DETECTOR, Variant.NO_LINKAGE),
                        r.complete()
                                ? ""
                                : " WARNING: some job did not read the whole log or did not"
                                        + " reconcile its counts."));
        return md.toString();
    }

    /** The result as JSON. */
    public static ObjectNode json(Throughput.Result r) {
        Throughput.Settings s = r.settings();
        ObjectNode o = Json.object();
        o.put("schema", "exdetect.throughput.v1");
        o.put("seed", s.seed());
        o.put("scale", s.scale());
        o.put("corpus", s.corpus().source());
        o.put("rules", s.rules().source());
        o.put("parallelism", s.parallelism());
        o.put("rounds", s.rounds());
        o.put("processors", Runtime.getRuntime().availableProcessors());
        o.put("clients", r.clients());
        o.put("records", r.records());
        o.put("simulate_seconds", BenchmarkReport.round(r.simulateSeconds()));
        o.put("complete", r.complete());
        ArrayNode variants = o.putArray("variants");
        for (Variant v : Variant.values()) {
            ObjectNode n = variants.addObject();
            n.put("variant", v.id());
            n.put("description", v.description());
            ArrayNode times = n.putArray("wall_seconds");
            r.of(v).forEach(m -> times.add(BenchmarkReport.round(m.wallSeconds())));
            n.put("median_seconds", BenchmarkReport.round(r.medianSeconds(v)));
            n.put("median_records_per_second", Math.round(r.medianRecordsPerSecond(v)));
            n.put("ratio_to_baseline", ratio(r.ratio(v, Variant.BASELINE)));
        }
        o.put("linkage_ratio", ratio(r.ratio(Variant.DETECTOR, Variant.NO_LINKAGE)));
        ArrayNode runs = o.putArray("runs");
        for (Measurement m : r.measurements()) {
            ObjectNode n = runs.addObject();
            n.put("round", m.round());
            n.put("slot", m.slot());
            n.put("variant", m.variant().id());
            n.put("operators", m.operators());
            n.put("wall_seconds", BenchmarkReport.round(m.wallSeconds()));
            n.put("job_seconds", BenchmarkReport.round(m.jobSeconds()));
            n.put("load_average", BenchmarkReport.round(m.loadAverage()));
            n.put("records_read", m.read());
            n.put("records_accepted", m.accepted());
            n.put("records_rejected", m.rejected());
            n.put("records_skipped", m.skipped());
            n.put("reconciled", m.reconciled());
            n.put("alerts", m.alerts());
        }
        return o;
    }

    /** Writes the result as JSON to {@code file}. */
    public static void writeJson(Throughput.Result r, Path file) throws IOException {
        Files.writeString(file, json(r).toPrettyString() + "\n", StandardCharsets.UTF_8);
    }

    /** Ratios to four decimals: enough to recompute them from the rounded times. */
    private static double ratio(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String loadRange(Throughput.Result r) {
        DoubleSummaryStatistics load =
                r.measurements().stream()
                        .mapToDouble(Measurement::loadAverage)
                        .filter(l -> l >= 0)
                        .summaryStatistics();
        return load.getCount() == 0
                ? "unknown"
                : String.format(Locale.ROOT, "%.1f to %.1f", load.getMin(), load.getMax());
    }
}
