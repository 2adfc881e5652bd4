package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.benchmark.Calibration;
import dev.exdetect.evaluation.benchmark.Thresholds;
import dev.exdetect.evaluation.defences.FirstCrossing;
import dev.exdetect.evaluation.defences.MmdCalibration;
import dev.exdetect.evaluation.defences.MmdReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits the baselines on the calibration world, with labels: each threshold is the strictest one
 * that flags at most its false-positive budget of the calibration world's benign clients (per API
 * for the rate limit and PRADA); the MMD baseline's reference and threshold come from benign
 * clients only ({@link MmdCalibration}).
 */
final class Calibrator {
    /** Benign share the rate limit may throttle (the enforcement target). */
    static final double RATE_LIMIT_FP_BUDGET = 0.005;

    /** Benign share PRADA may flag (the alert target). */
    static final double PRADA_FP_BUDGET = 0.01;

    /** Benign share the MMD baseline may flag (the alert target). */
    static final double MMD_FP_BUDGET = 0.01;

    private Calibrator() {}

    static Fitted fit(CalibrationWorld world) {
        Observed o = world.observed();
        List<List<FirstCrossing>> rate = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<FirstCrossing>> prada = List.of(new ArrayList<>(), new ArrayList<>());
        for (WorldClient c : o.clients()) {
            if (!c.attack()) {
                int api = c.family().isVector() ? 1 : 0;
                rate.get(api).add(o.rateLimit()[c.index()]);
                prada.get(api).add(o.prada()[c.index()]);
            }
        }
        MmdCalibration.Fit mmd = MmdCalibration.fit(world.texts(), o.plan().world().seed());
        MmdReference ref =
                mmd.reference()
                        .withThreshold(Calibration.threshold(mmd.benignScores(), MMD_FP_BUDGET));
        return new Fitted(
                o.plan().world().name(),
                thresholds(rate, RATE_LIMIT_FP_BUDGET),
                thresholds(prada, PRADA_FP_BUDGET),
                ref,
                mmd.referenceClients(),
                mmd.benignScores().size());
    }

    private static Thresholds thresholds(List<List<FirstCrossing>> byApi, double budget) {
        return new Thresholds(
                byApi.get(0).isEmpty() ? Double.NaN : Calibration.threshold(byApi.get(0), budget),
                byApi.get(1).isEmpty() ? Double.NaN : Calibration.threshold(byApi.get(1), budget));
    }
}
