package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.simulation.world.WorldPlan;
import java.util.List;

/**
 * What running one world gave: its clients with their ground truth, the simulated traffic and the
 * detector's verdicts, and the threshold-free scores of the baselines (each client's score history,
 * which a threshold turns into flags afterwards).
 *
 * @param plan the world's clients
 * @param clients their ground truth, by simulation index
 * @param outcome the logs, the detector's outputs and verdicts, timings
 * @param rateLimit per client: requests in 60 s
 * @param prada per client: PRADA's Shapiro-Wilk W
 * @param mmd per client: MMD² of its window of queries to the benign reference, or null where the
 *     reference was not known while the world ran (the calibration world)
 */
record Observed(
        WorldPlan plan,
        List<WorldClient> clients,
        SimulatedRun.Outcome outcome,
        FirstCrossing[] rateLimit,
        FirstCrossing[] prada,
        FirstCrossing[] mmd) {}
