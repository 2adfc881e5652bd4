package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.Random;

/**
 * A scheduled job scoring real records with the vector model: every few hours a batch of 500-3,000
 * records sent back to back, full probabilities requested (it stores them). Fast and complete like
 * an equation-solving attack, but on real data.
 */
public final class BatchScoring extends SimProfile {
    private final VectorTask task;
    private final double meanHoursBetweenBatches;
    private int batchLeft;

    /** A job running a batch about every {@code meanHoursBetweenBatches} hours. */
    public BatchScoring(VectorTask task, double meanHoursBetweenBatches) {
        super(Family.BATCH_SCORING);
        this.task = task;
        this.meanHoursBetweenBatches = meanHoursBetweenBatches;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (--batchLeft > 0) {
            return Timing.uniform(random, 15, 60);
        }
        return Timing.exponential(random, meanHoursBetweenBatches * 3_600_000);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        if (batchLeft <= 0) {
            batchLeft = 500 + random.nextInt(2501);
        }
        Requests.classify(request, task, task.realRow(random), true, random);
    }
}
