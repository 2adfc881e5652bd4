package dev.exdetect.evaluation.defences;

import java.util.ArrayList;
import java.util.List;

/**
 * A client's suspicion score over its requests, kept as the points where its running worst value
 * got worse: enough to say, for any threshold, at which request the client would first have been
 * flagged, and so to calibrate a threshold after the fact without replaying anything.
 */
public final class FirstCrossing {
    private final boolean higherIsWorse;
    private final List<Long> seqs = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();

    /**
     * @param higherIsWorse true when high values are suspicious (a request count), false when low
     *     ones are (a normality statistic)
     */
    public FirstCrossing(boolean higherIsWorse) {
        this.higherIsWorse = higherIsWorse;
    }

    /** Records the score {@code value} after request number {@code seq} (1-based, increasing). */
    public void offer(long seq, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (values.isEmpty() || worse(value, values.get(values.size() - 1))) {
            seqs.add(seq);
            values.add(value);
        }
    }

    /** The worst score seen, or NaN when none was offered. */
    public double worst() {
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    /**
     * The first request number whose score is beyond {@code threshold} (above it when higher is
     * worse, below it otherwise), or -1 when the client never crosses it.
     */
    public long firstSeqBeyond(double threshold) {
        for (int i = 0; i < values.size(); i++) {
            if (worse(values.get(i), threshold)) {
                return seqs.get(i);
            }
        }
        return -1;
    }

    /** Whether high scores are the suspicious ones. */
    public boolean higherIsWorse() {
        return higherIsWorse;
    }

    private boolean worse(double a, double b) {
        return higherIsWorse ? a > b : a < b;
    }
}
