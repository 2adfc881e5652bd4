package dev.exdetect.evaluation.throughput;

import dev.exdetect.evaluation.benchmark.Benchmark;
import dev.exdetect.evaluation.benchmark.Scorecard;
import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.pipeline.DetectorPipeline;
import dev.exdetect.job.pipeline.EventTimeRange;
import dev.exdetect.job.pipeline.ParseRequests;
import dev.exdetect.job.replay.JobProgress;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.replay.Replay;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.corpus.Corpus;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The end-to-end throughput benchmark: one simulated request log, read in one JVM by a baseline
 * pipeline that only reads and parses it and by the real detector without and with cross-client
 * linkage, interleaved over several rounds. The machines are shared and noisy, so what counts is
 * each variant's median time as a ratio to the baseline's median measured under the same load.
 */
public final class Throughput {
    /** What runs over the log. Every variant is batch mode, discarding its outputs. */
    public enum Variant {
        /** The unavoidable cost: the detector's source and parse step, nothing more. */
        BASELINE("baseline", "read and parse; records discarded"),
        /** The detector with cross-client linkage off ({@code --no-linkage}). */
        NO_LINKAGE("detector-no-linkage", "the detector without cross-client linkage"),
        /** The detector as configured, linkage on (the default). */
        DETECTOR("detector", "the detector with cross-client linkage");

        private final String id;
        private final String description;

        Variant(String id, String description) {
            this.id = id;
            this.description = description;
        }

        /** Short name, as in reports. */
        public String id() {
            return id;
        }

        /** What the variant runs. */
        public String description() {
            return description;
        }

        /** Adds this variant to {@code env}, through the detector's own wiring. */
        void wire(StreamExecutionEnvironment env, DetectorPipeline.Inputs in, DetectorConfig c) {
            DetectorPipeline.Outputs out = DetectorPipeline.Outputs.discarding();
            switch (this) {
                case BASELINE ->
                        DetectorPipeline.build(env, in, out, c, DetectorPipeline.Scope.PARSE_ONLY);
                case NO_LINKAGE -> DetectorPipeline.build(env, in, out, c.withLinkage(null));
                case DETECTOR -> DetectorPipeline.build(env, in, out, c);
            }
        }
    }

    /**
     * What to run.
     *
     * @param seed simulation seed
     * @param scale client counts relative to the benchmark population
     * @param corpus where queries come from
     * @param rules the detector's rule pack
     * @param config the detector's settings; linkage must be on (the no-linkage variant turns it
     *     off)
     * @param parallelism parallelism of every job (and number of log files)
     * @param rounds how many times each variant runs
     * @param workDir where the log goes
     */
    public record Settings(
            long seed,
            double scale,
            Corpus corpus,
            RulePack rules,
            DetectorConfig config,
            int parallelism,
            int rounds,
            Path workDir) {}

    /**
     * One job, measured.
     *
     * @param round round number, from 1
     * @param slot position in its round, from 1
     * @param variant what ran
     * @param operators operators in the job's stream graph (tells the variants apart)
     * @param wallSeconds wall-clock time from submission to the end of the job
     * @param jobSeconds the job's own run time as Flink reports it (without cluster start-up)
     * @param loadAverage the machine's 1-minute load average when the job started
     * @param read records read (parse-step accumulators)
     * @param accepted records accepted
     * @param rejected records refused
     * @param skipped records outside the event-time range
     * @param alerts alerts the detection step raised (0 for the baseline)
     */
    public record Measurement(
            int round,
            int slot,
            Variant variant,
            int operators,
            double wallSeconds,
            double jobSeconds,
            double loadAverage,
            long read,
            long accepted,
            long rejected,
            long skipped,
            long alerts) {
        /** Whether every record read was accepted, rejected or skipped. */
        public boolean reconciled() {
            return read == accepted + rejected + skipped;
        }
    }

    /**
     * What came out.
     *
     * @param settings what was run
     * @param clients simulated clients
     * @param records records in the log
     * @param simulateSeconds wall-clock time to write the log
     * @param measurements every job, in the order they ran
     */
    public record Result(
            Settings settings,
            int clients,
            long records,
            double simulateSeconds,
            List<Measurement> measurements) {
        /** The jobs of {@code v}, by round. */
        public List<Measurement> of(Variant v) {
            return measurements.stream().filter(m -> m.variant() == v).toList();
        }

        /** Median wall-clock seconds of {@code v}. */
        public double medianSeconds(Variant v) {
            return Scorecard.median(of(v).stream().map(Measurement::wallSeconds).toList());
        }

        /** Median over rounds of records in the log per wall-clock second of {@code v}. */
        public double medianRecordsPerSecond(Variant v) {
            return Scorecard.median(of(v).stream().map(m -> records / m.wallSeconds()).toList());
        }

        /** Median time of {@code v} divided by the median time of {@code base}. */
        public double ratio(Variant v, Variant base) {
            return medianSeconds(v) / medianSeconds(base);
        }

        /** Whether every job read the whole log and accounted for every record. */
        public boolean complete() {
            return measurements.stream().allMatch(m -> m.read() == records && m.reconciled());
        }
    }

    private Throughput() {}

    /** Simulates the benchmark population once, then runs every variant every round. */
    public static Result run(Settings s, Progress progress) throws Exception {
        check(s);
        return run(s, Population.benchmark(s.seed(), s.scale(), s.corpus()), progress);
    }

    /**
     * Simulates the population {@code plan} once, then runs every variant every round. Tests use
     * small populations: the benchmark's has a floor of about 60,000 requests (its attackers).
     */
    public static Result run(Settings s, Population.Plan plan, Progress progress) throws Exception {
        check(s);
        progress.line(
                String.format(
                        "simulating %d clients, corpus %s, into %d log files",
                        plan.clients().size(), s.corpus().source(), s.parallelism()));
        long t0 = System.nanoTime();
        TrafficWriter.Written log =
                SimulatedRun.simulate(
                        s.seed(),
                        Benchmark.START_MILLIS,
                        plan,
                        s.workDir(),
                        s.parallelism(),
                        (client, seq, attack, record) -> {},
                        progress);
        double simulateSeconds = (System.nanoTime() - t0) / 1e9;

        List<Measurement> done = new ArrayList<>();
        Variant[] variants = Variant.values();
        long start = System.nanoTime();
        for (int round = 1; round <= s.rounds(); round++) {
            for (int slot = 1; slot <= variants.length; slot++) {
                // Each round starts one variant later, so that no variant always runs first (on
                // the coldest JIT) or always after the same neighbour.
                Variant v = variants[(round - 1 + slot - 1) % variants.length];
                String label = String.format("round %d/%d %s", round, s.rounds(), v.id());
                Measurement m = measure(v, round, slot, s, log, label, progress);
                done.add(m);
                progress.line(
                        String.format(
                                "%s: %,d records in %.1f s (%,.0f records/s); %.0f s elapsed",
                                label,
                                m.read(),
                                m.wallSeconds(),
                                m.read() / m.wallSeconds(),
                                (System.nanoTime() - start) / 1e9));
            }
        }
        return new Result(
                s, plan.clients().size(), log.records(), simulateSeconds, List.copyOf(done));
    }

    /** Refuses settings that cannot make a comparison, before anything is simulated. */
    private static void check(Settings s) {
        if (s.config().linkage() == null) {
            throw new IllegalArgumentException(
                    "the throughput benchmark runs the detector with and without linkage itself;"
                            + " drop --no-linkage");
        }
        if (s.rounds() < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
    }

    /** Runs {@code v} once over the log and measures it. */
    private static Measurement measure(
            Variant v,
            int round,
            int slot,
            Settings s,
            TrafficWriter.Written log,
            String label,
            Progress progress)
            throws Exception {
        // Batch mode over the same files as replay; a new environment (and local cluster) per
        // job, so that no run inherits another's state.
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(s.parallelism());
        v.wire(
                env,
                new DetectorPipeline.Inputs(
                        Replay.files(log.files()), s.rules(), null, null, EventTimeRange.ALL),
                s.config());
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("exdetect throughput " + v.id());
        // Collect the previous job's garbage now rather than on this job's time.
        System.gc();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        JobExecutionResult r =
                JobProgress.await(env.executeAsync(graph), log.records(), progress.labelled(label));
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> acc = r.getAllAccumulatorResults();
        return new Measurement(
                round,
                slot,
                v,
                graph.getStreamNodes().size(),
                wall,
                r.getNetRuntime(TimeUnit.MILLISECONDS) / 1000.0,
                load,
                JobProgress.count(acc, ParseRequests.READ),
                JobProgress.count(acc, ParseRequests.ACCEPTED),
                JobProgress.count(acc, ParseRequests.REJECTED_COUNT),
                JobProgress.count(acc, ParseRequests.SKIPPED),
                JobProgress.count(acc, DetectionFunction.ALERTS));
    }
}
