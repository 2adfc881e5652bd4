package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.Random;

/**
 * A job scoring real records with the vector model, full probabilities requested (it stores them):
 * fast and complete like an equation-solving attack, but on real data. Either scheduled batches
 * (every few hours 500-3,000 records back to back, in the seed benchmark) or a steady stream (a
 * pipeline scoring records as they arrive, {@link #stream}).
 */
public final class BatchScoring extends SimProfile {
    /**
     * The shape of the batches.
     *
     * @param meanHoursBetweenBatches mean pause between batches (exponential)
     * @param minBatch fewest records in a batch
     * @param maxBatch most records in a batch
     * @param minGapMillis shortest pause between the records of a batch
     * @param maxGapMillis longest pause between the records of a batch
     */
    public record Batches(
            double meanHoursBetweenBatches,
            int minBatch,
            int maxBatch,
            long minGapMillis,
            long maxGapMillis) {}

    private final VectorTask task;
    private final Batches batches;
    private final Pacing stream;
    private int batchLeft;

    /** A job running a batch about every {@code meanHoursBetweenBatches} hours. */
    public BatchScoring(VectorTask task, double meanHoursBetweenBatches) {
        this(task, new Batches(meanHoursBetweenBatches, 500, 3000, 15, 60));
    }

    /** A job running batches of {@code batches}' shape. */
    public BatchScoring(VectorTask task, Batches batches) {
        super(Family.BATCH_SCORING);
        this.task = task;
        this.batches = batches;
        this.stream = null;
    }

    private BatchScoring(VectorTask task, Pacing stream) {
        super(Family.BATCH_SCORING);
        this.task = task;
        this.batches = null;
        this.stream = stream;
    }

    /** A pipeline scoring one record at a time at {@code pacing}, probabilities requested. */
    public static BatchScoring stream(VectorTask task, Pacing pacing) {
        return new BatchScoring(task, pacing);
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (stream != null) {
            return stream.next(nowMillis, random);
        }
        if (--batchLeft > 0) {
            return Timing.uniform(random, batches.minGapMillis(), batches.maxGapMillis());
        }
        return Timing.exponential(random, batches.meanHoursBetweenBatches() * 3_600_000);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        if (stream == null && batchLeft <= 0) {
            batchLeft =
                    batches.minBatch()
                            + random.nextInt(batches.maxBatch() - batches.minBatch() + 1);
        }
        Requests.classify(request, task, task.realRow(random), true, random);
    }
}
