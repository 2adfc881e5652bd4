package dev.exdetect.evaluation.benchmark;

import dev.exdetect.evaluation.defences.FirstCrossing;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a baseline's threshold from benign clients' scores: the strictest threshold that flags at
 * most a given share of them. This is how the baselines are made comparable to the detector (the
 * same false-positive budget) without tuning them on the attacks.
 */
public final class Calibration {
    private Calibration() {}

    /**
     * The threshold that flags at most {@code maxShare} of {@code benign} (a client is flagged when
     * its worst score is strictly beyond the threshold). Clients without a score count in the total
     * and are never flagged.
     */
    public static double threshold(List<FirstCrossing> benign, double maxShare) {
        if (benign.isEmpty()) {
            throw new IllegalArgumentException("calibration needs benign clients");
        }
        boolean higherIsWorse = benign.get(0).higherIsWorse();
        List<Double> worst = new ArrayList<>();
        for (FirstCrossing s : benign) {
            if (!Double.isNaN(s.worst())) {
                worst.add(s.worst());
            }
        }
        // Worst first.
        worst.sort(higherIsWorse ? (a, b) -> Double.compare(b, a) : Double::compare);
        int allowed = (int) Math.floor(maxShare * benign.size());
        if (allowed >= worst.size()) {
            // Every scored client may be flagged: the loosest threshold that still means something.
            return higherIsWorse ? 0 : 1;
        }
        return worst.get(allowed);
    }
}
