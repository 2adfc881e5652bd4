package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.benchmark.Thresholds;
import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.evaluation.run.Verdicts;
import dev.exdetect.simulation.world.World;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToLongFunction;

/**
 * One world's results: what it was, what was simulated, and each defence's score on it.
 *
 * @param world the world
 * @param role {@code calibration} (fitted on: its numbers show the fit, not generalisation) or
 *     {@code report}
 * @param victim the vector API's model, for people
 * @param corpus where its texts came from
 * @param clients simulated clients
 * @param attackClients of which attack accounts
 * @param records simulated requests
 * @param recordsRejected records the detector refused (must be 0)
 * @param simulateSeconds wall-clock time to simulate and run the baselines
 * @param detectSeconds wall-clock time of the detector job
 * @param defences the detector's score, then the baselines'
 */
public record WorldScore(
        World world,
        String role,
        String victim,
        String corpus,
        int clients,
        int attackClients,
        long records,
        long recordsRejected,
        double simulateSeconds,
        double detectSeconds,
        List<DefenceScore> defences) {

    /** The calibration world's role. */
    public static final String CALIBRATION = "calibration";

    /** A report world's role. */
    public static final String REPORT = "report";

    /** Scores every defence on {@code o} with what was fitted; {@code mmd} holds MMD scores. */
    static WorldScore of(
            Observed o, String role, Fitted fitted, FirstCrossing[] mmd, String rules) {
        SimulatedRun.Outcome out = o.outcome();
        Verdicts verdicts = out.verdicts();
        List<WorldClient> clients = o.clients();
        DefenceScore detector =
                DefenceScore.score(
                        "detector",
                        rules,
                        clients,
                        i -> seq(verdicts.of(clients.get(i).clientId()).firstMediumAlert()),
                        i -> seq(verdicts.of(clients.get(i).clientId()).firstEnforcement()),
                        out.traffic());
        DefenceScore rate =
                baseline(
                        "rate-limit",
                        "more than "
                                + fitted.rateLimit().display()
                                + " requests in 60 s (chat/vector)",
                        clients,
                        o.rateLimit(),
                        fitted.rateLimit(),
                        out);
        DefenceScore prada =
                baseline(
                        "prada",
                        String.format(
                                Locale.ROOT,
                                "Shapiro-Wilk W below %s (chat/vector)",
                                fitted.pradaDelta().display()),
                        clients,
                        o.prada(),
                        fitted.pradaDelta(),
                        out);
        DefenceScore mmdScore =
                baseline(
                        "mmd",
                        String.format(
                                Locale.ROOT,
                                "MMD² of the last %d queries to the benign reference above %.5f"
                                        + " (chat only)",
                                fitted.mmd().window(),
                                fitted.mmd().threshold()),
                        clients,
                        mmd,
                        new Thresholds(fitted.mmd().threshold(), Double.NaN),
                        out);
        World w = o.plan().world();
        return new WorldScore(
                w,
                role,
                w.victim().synthetic()
                        ? String.format(
                                Locale.ROOT,
                                "synthetic, %d features, %d classes",
                                w.victim().features(),
                                w.victim().classes())
                        : w.victim().data(),
                o.plan().corpus().source(),
                clients.size(),
                (int) clients.stream().filter(WorldClient::attack).count(),
                out.traffic().records(),
                out.detected().recordsRejected(),
                out.simulateSeconds(),
                out.detectSeconds(),
                List.of(detector, rate, prada, mmdScore));
    }

    /** A baseline flags and enforces at the same request: its first score past the threshold. */
    private static DefenceScore baseline(
            String name,
            String setting,
            List<WorldClient> clients,
            FirstCrossing[] scores,
            Thresholds thresholds,
            SimulatedRun.Outcome out) {
        IntToLongFunction flag =
                i -> {
                    double t = thresholds.of(clients.get(i).family().isVector());
                    return Double.isNaN(t) ? -1 : scores[i].firstSeqBeyond(t);
                };
        return DefenceScore.score(name, setting, clients, flag, flag, out.traffic());
    }

    private static long seq(Verdicts.AlertHit a) {
        return a == null ? -1 : a.seq();
    }

    private static long seq(Verdicts.CommandHit c) {
        return c == null ? -1 : c.seq();
    }
}
