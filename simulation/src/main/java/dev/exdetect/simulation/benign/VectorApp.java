package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.Random;

/**
 * An app of the vector classifier's customers: it sends the real records its users produce, one at
 * a time through the day, and reads the label (some apps also ask for the probabilities).
 */
public final class VectorApp extends SimProfile {
    private final VectorTask task;
    private final Pacing pacing;
    private final boolean probabilities;

    /** An app sending on average one record per {@code meanDelayMillis}. */
    public VectorApp(VectorTask task, Random setup, double meanDelayMillis) {
        this(task, Pacing.diurnalPoisson(meanDelayMillis), setup.nextDouble() < 0.25);
    }

    /**
     * An app sending at {@code pacing}, asking for the probabilities when {@code probabilities}.
     */
    public VectorApp(VectorTask task, Pacing pacing, boolean probabilities) {
        super(Family.VECTOR_APP);
        this.task = task;
        this.pacing = pacing;
        this.probabilities = probabilities;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return pacing.next(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        Requests.classify(request, task, task.realRow(random), probabilities, random);
    }
}
