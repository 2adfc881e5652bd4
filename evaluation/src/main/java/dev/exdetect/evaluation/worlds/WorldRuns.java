package dev.exdetect.evaluation.worlds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.evaluation.defences.Defence;
import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.evaluation.defences.MmdCalibration;
import dev.exdetect.evaluation.defences.MmdDefence;
import dev.exdetect.evaluation.defences.PradaDefence;
import dev.exdetect.evaluation.defences.RateLimitDefence;
import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.world.WorldPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one world: simulates it into request logs (deterministic for the world), runs the real
 * detector over them as {@code replay} does, and computes the baselines on the same records in
 * event-time order. The calibration world's path keeps its chat queries for fitting; a report
 * world's path gets what was fitted and nothing else.
 */
final class WorldRuns {
    private WorldRuns() {}

    /** The calibration world, with what fitting needs. */
    static CalibrationWorld calibration(
            WorldPlan plan, Path dir, DetectorSetup detector, Progress progress) throws Exception {
        List<WorldClient> clients = WorldClient.of(plan);
        List<List<Long>> seqs = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            seqs.add(new ArrayList<>());
            texts.add(new ArrayList<>());
        }
        Observed o =
                observe(
                        plan,
                        clients,
                        dir,
                        detector,
                        null,
                        (client, seq, record) -> {
                            JsonNode input = record.path("input");
                            if (input.has("text") && !input.has("features")) {
                                seqs.get(client).add(seq);
                                texts.get(client).add(input.path("text").asText(""));
                            }
                        },
                        progress);
        List<MmdCalibration.ClientTexts> chat = new ArrayList<>();
        for (WorldClient c : clients) {
            if (!texts.get(c.index()).isEmpty()) {
                chat.add(
                        new MmdCalibration.ClientTexts(
                                c.clientId(),
                                !c.attack(),
                                List.copyOf(seqs.get(c.index())),
                                List.copyOf(texts.get(c.index()))));
            }
        }
        return new CalibrationWorld(o, chat);
    }

    /**
     * The calibration world's MMD scores, once the reference is fitted: each chat client's queries
     * replayed against it.
     */
    static FirstCrossing[] mmdScores(CalibrationWorld world, Fitted fitted) {
        List<WorldClient> clients = world.observed().clients();
        MmdDefence mmd = new MmdDefence(fitted.mmd(), clients.size());
        int k = 0;
        for (MmdCalibration.ClientTexts t : world.texts()) {
            while (!clients.get(k).clientId().equals(t.clientId())) {
                k++;
            }
            for (int q = 0; q < t.texts().size(); q++) {
                mmd.observeText(k, t.seqs().get(q), t.texts().get(q));
            }
        }
        FirstCrossing[] out = new FirstCrossing[clients.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = mmd.score(i);
        }
        return out;
    }

    /** A report world, with the MMD baseline against the fitted reference while it runs. */
    static Observed report(
            WorldPlan plan, Path dir, DetectorSetup detector, Fitted fitted, Progress progress)
            throws Exception {
        List<WorldClient> clients = WorldClient.of(plan);
        return observe(
                plan,
                clients,
                dir,
                detector,
                new MmdDefence(fitted.mmd(), clients.size()),
                (client, seq, record) -> {},
                progress);
    }

    /** What the calibration path keeps of each record. */
    @FunctionalInterface
    private interface Keeper {
        void keep(int client, long seq, JsonNode record);
    }

    private static Observed observe(
            WorldPlan plan,
            List<WorldClient> clients,
            Path dir,
            DetectorSetup detector,
            MmdDefence mmd,
            Keeper keeper,
            Progress progress)
            throws Exception {
        int n = clients.size();
        RateLimitDefence rate = new RateLimitDefence(n);
        PradaDefence prada = new PradaDefence(n);
        List<Defence> online = new ArrayList<>(List.of(rate, prada));
        if (mmd != null) {
            online.add(mmd);
        }
        AtomicLong records = new AtomicLong();
        SimulatedRun.Outcome outcome;
        try (DetectStepProgress p = DetectStepProgress.start(records::get, progress)) {
            outcome =
                    SimulatedRun.execute(
                            plan.world().seed(),
                            plan.world().startMillis(),
                            plan.plan(),
                            dir,
                            detector.rules(),
                            detector.config(),
                            detector.parallelism(),
                            (client, seq, attack, record) -> {
                                records.incrementAndGet();
                                long t = record.path("timestamp").asLong();
                                for (Defence d : online) {
                                    d.observe(client, seq, t, record);
                                }
                                keeper.keep(client, seq, record);
                            },
                            progress);
        }
        FirstCrossing[] r = new FirstCrossing[n];
        FirstCrossing[] p = new FirstCrossing[n];
        FirstCrossing[] m = mmd == null ? null : new FirstCrossing[n];
        for (int i = 0; i < n; i++) {
            r[i] = rate.score(i);
            p[i] = prada.score(i);
            if (m != null) {
                m[i] = mmd.score(i);
            }
        }
        return new Observed(plan, clients, outcome, r, p, m);
    }
}
