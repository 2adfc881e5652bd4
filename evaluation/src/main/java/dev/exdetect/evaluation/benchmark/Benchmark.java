package dev.exdetect.evaluation.benchmark;

import dev.exdetect.evaluation.defences.Defence;
import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.evaluation.defences.PradaDefence;
import dev.exdetect.evaluation.defences.RateLimitDefence;
import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.evaluation.run.Verdicts;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.Family;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The detection benchmark: simulates the benchmark population (a day of hundreds of benign clients
 * and dozens of attackers of every family), replays it through the real detector, and scores the
 * detector per family next to two baselines computed on the same records in the same run: a plain
 * per-client rate limit and PRADA.
 */
public final class Benchmark {
    /** Event time at which the simulated day starts (a Monday, 00:00 UTC). */
    public static final long START_MILLIS = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();

    /** Benign share a calibrated rate limit may throttle (the enforcement target). */
    public static final double RATE_LIMIT_FP_BUDGET = 0.005;

    /** Benign share calibrated PRADA may flag (the alert target). */
    public static final double PRADA_FP_BUDGET = 0.01;

    /**
     * The rate limits (requests per 60 s, chat/vector) reported by default: calibrated with {@link
     * #RATE_LIMIT_FP_BUDGET} on seed 1 at scale 1 with the shared corpus (docs/DETECTION.md), and
     * used unchanged on other seeds.
     */
    public static final Thresholds DEFAULT_RATE_LIMIT = new Thresholds(81, 1668);

    /**
     * PRADA's δ (chat/vector) reported by default, calibrated like {@link #DEFAULT_RATE_LIMIT}
     * (rounded down to 6 decimals, which keeps the seed-1 false-positive count).
     */
    public static final Thresholds DEFAULT_PRADA_DELTA = new Thresholds(0.385469, 0.878697);

    /**
     * What to run.
     *
     * @param seed simulation seed
     * @param scale client counts relative to the standard population
     * @param corpus where queries come from
     * @param rules the detector's rule pack
     * @param config the detector's settings
     * @param parallelism parallelism of the detector job (and number of log files)
     * @param rateLimit the rate-limit baseline's thresholds (requests per 60 s); NaN ones are
     *     calibrated on this run
     * @param pradaDelta the PRADA baseline's δ; NaN ones are calibrated on this run
     * @param workDir where the logs and the detector's outputs go
     * @param attackTiming when the simulated attackers send
     */
    public record Settings(
            long seed,
            double scale,
            Corpus corpus,
            RulePack rules,
            DetectorConfig config,
            int parallelism,
            Thresholds rateLimit,
            Thresholds pradaDelta,
            Path workDir,
            AttackTiming attackTiming) {
        /** Settings with scripted attackers. */
        public Settings(
                long seed,
                double scale,
                Corpus corpus,
                RulePack rules,
                DetectorConfig config,
                int parallelism,
                Thresholds rateLimit,
                Thresholds pradaDelta,
                Path workDir) {
            this(
                    seed,
                    scale,
                    corpus,
                    rules,
                    config,
                    parallelism,
                    rateLimit,
                    pradaDelta,
                    workDir,
                    AttackTiming.SCRIPTED);
        }
    }

    /**
     * What came out.
     *
     * @param settings what was run
     * @param clients simulated clients
     * @param attackClients of which attackers (Sybil accounts one by one)
     * @param records simulated requests
     * @param cards the detector's and the baselines' scorecards
     * @param calibratedRateLimit the rate limit that {@link #RATE_LIMIT_FP_BUDGET} gives on this
     *     run
     * @param calibratedPradaDelta the δ that {@link #PRADA_FP_BUDGET} gives on this run
     * @param simulateSeconds wall-clock time to simulate and run the baselines
     * @param detectSeconds wall-clock time of the detector job
     * @param rejected records the detector refused (must be 0)
     * @param baselineScores per family, the median of its clients' worst rate-limit score and worst
     *     PRADA score (what the thresholds cut)
     */
    public record Result(
            Settings settings,
            int clients,
            int attackClients,
            long records,
            List<Scorecard> cards,
            Thresholds calibratedRateLimit,
            Thresholds calibratedPradaDelta,
            double simulateSeconds,
            double detectSeconds,
            long rejected,
            List<FamilyScores> baselineScores) {}

    /**
     * Medians, over a family's clients, of their worst baseline scores.
     *
     * @param family family id
     * @param maxPerMinute median of the largest request count in any 60 s
     * @param minW median of the lowest PRADA W (NaN when no client had enough distances)
     */
    public record FamilyScores(String family, double maxPerMinute, double minW) {}

    private Benchmark() {}

    /** Runs the benchmark on the benchmark population, printing progress. */
    public static Result run(Settings s, Progress progress) throws Exception {
        return run(
                s,
                Population.benchmark(s.seed(), s.scale(), s.corpus(), s.attackTiming()),
                progress);
    }

    /** Runs the benchmark on the population {@code plan} (tests use small ones). */
    public static Result run(Settings s, Population.Plan plan, Progress progress) throws Exception {
        List<SimClient> sims = plan.clients();
        progress.line(
                String.format(
                        "%d clients (%d attackers), %.0f h of traffic, corpus %s",
                        sims.size(),
                        sims.stream().filter(c -> c.profile().role().equals("attack")).count(),
                        plan.spanMillis() / 3_600_000.0,
                        s.corpus().source()));
        RateLimitDefence rateLimit = new RateLimitDefence(sims.size());
        PradaDefence prada = new PradaDefence(sims.size());
        SimulatedRun.Outcome run =
                SimulatedRun.execute(
                        s.seed(),
                        START_MILLIS,
                        plan,
                        s.workDir(),
                        s.rules(),
                        s.config(),
                        s.parallelism(),
                        (client, seq, attack, record) -> {
                            long t = record.path("timestamp").asLong();
                            rateLimit.observe(client, seq, t, record);
                            prada.observe(client, seq, t, record);
                        },
                        progress);
        TrafficWriter.Written traffic = run.traffic();
        Verdicts verdicts = run.verdicts();

        List<Scorecard.Client> clients = new ArrayList<>();
        // Benign scores by API (index 0: chat, 1: vector), for calibration.
        List<List<FirstCrossing>> benignRate = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<FirstCrossing>> benignPrada = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < sims.size(); i++) {
            SimClient c = sims.get(i);
            Family f = Family.byId(c.profile().family());
            clients.add(
                    new Scorecard.Client(i, c.clientId(), f, Math.max(0, c.profile().budget())));
            if (!f.isAttack()) {
                benignRate.get(f.isVector() ? 1 : 0).add(rateLimit.score(i));
                benignPrada.get(f.isVector() ? 1 : 0).add(prada.score(i));
            }
        }
        Thresholds calibratedRate = calibrate(benignRate, RATE_LIMIT_FP_BUDGET);
        Thresholds calibratedDelta = calibrate(benignPrada, PRADA_FP_BUDGET);
        List<Scorecard> cards = new ArrayList<>();
        cards.add(
                Scorecard.score(
                        "detector",
                        s.rules().source(),
                        clients,
                        i -> seqOrNone(verdicts.of(sims.get(i).clientId()).firstMediumAlert()),
                        i -> seqOrNone(verdicts.of(sims.get(i).clientId()).firstEnforcement()),
                        traffic));
        cards.add(baselineCard(rateLimit, s.rateLimit().orElse(calibratedRate), clients, traffic));
        cards.add(baselineCard(prada, s.pradaDelta().orElse(calibratedDelta), clients, traffic));
        return new Result(
                s,
                sims.size(),
                (int) clients.stream().filter(c -> c.family().isAttack()).count(),
                traffic.records(),
                List.copyOf(cards),
                calibratedRate,
                calibratedDelta,
                run.simulateSeconds(),
                run.detectSeconds(),
                run.detected().recordsRejected(),
                familyScores(clients, rateLimit, prada));
    }

    private static List<FamilyScores> familyScores(
            List<Scorecard.Client> clients, Defence rateLimit, Defence prada) {
        List<FamilyScores> out = new ArrayList<>();
        List<Family> order = new ArrayList<>(Family.attacks());
        order.addAll(Family.benign());
        for (Family f : order) {
            List<Double> rate = new ArrayList<>();
            List<Double> w = new ArrayList<>();
            for (Scorecard.Client c : clients) {
                if (c.family() == f) {
                    rate.add(rateLimit.score(c.index()).worst());
                    double worstW = prada.score(c.index()).worst();
                    if (!Double.isNaN(worstW)) {
                        w.add(worstW);
                    }
                }
            }
            if (!rate.isEmpty()) {
                out.add(new FamilyScores(f.id(), Scorecard.median(rate), Scorecard.median(w)));
            }
        }
        return List.copyOf(out);
    }

    private static Thresholds calibrate(List<List<FirstCrossing>> byApi, double budget) {
        return new Thresholds(
                byApi.get(0).isEmpty() ? Double.NaN : Calibration.threshold(byApi.get(0), budget),
                byApi.get(1).isEmpty() ? Double.NaN : Calibration.threshold(byApi.get(1), budget));
    }

    /**
     * A baseline flags and enforces at the same request: its first score beyond the threshold for
     * the client's API.
     */
    private static Scorecard baselineCard(
            Defence b,
            Thresholds thresholds,
            List<Scorecard.Client> clients,
            TrafficWriter.Written traffic) {
        IntToLongFunction flag =
                i -> {
                    double t = thresholds.of(clients.get(i).family().isVector());
                    return Double.isNaN(t) ? -1 : b.score(i).firstSeqBeyond(t);
                };
        return Scorecard.score(
                b.name(),
                b.describe(thresholds.chat())
                        + " (chat), "
                        + b.describe(thresholds.vector())
                        + " (vector)",
                clients,
                flag,
                flag,
                traffic);
    }

    private static long seqOrNone(Verdicts.AlertHit a) {
        return a == null ? -1 : a.seq();
    }

    private static long seqOrNone(Verdicts.CommandHit c) {
        return c == null ? -1 : c.seq();
    }
}
