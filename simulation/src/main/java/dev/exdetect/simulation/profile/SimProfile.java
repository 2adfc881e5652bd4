package dev.exdetect.simulation.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * A profile whose role and family come from its {@link Family}, and whose pace may depend on the
 * event time ({@link #nextDelayMillis(long, Random)}).
 */
public abstract class SimProfile implements ClientProfile {
    private final Family family;
    private long lastTimestamp;

    protected SimProfile(Family family) {
        this.family = family;
    }

    @Override
    public final String role() {
        return family.role();
    }

    @Override
    public final String family() {
        return family.id();
    }

    @Override
    public final void fill(ObjectNode request, Random random) {
        lastTimestamp = request.path("timestamp").asLong();
        write(request, random);
    }

    /** Writes the request's input, parameters and output (see {@link #fill}). */
    protected abstract void write(ObjectNode request, Random random);

    /** The one-argument form: the delay after the request this profile filled last. */
    @Override
    public final long nextDelayMillis(Random random) {
        return nextDelayMillis(lastTimestamp, random);
    }

    @Override
    public abstract long nextDelayMillis(long nowMillis, Random random);

    /** The family as an enum. */
    public final Family familyEnum() {
        return family;
    }
}
