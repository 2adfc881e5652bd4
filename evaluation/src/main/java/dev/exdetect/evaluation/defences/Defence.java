package dev.exdetect.evaluation.defences;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A defence evaluated next to the detector on the same simulated records, in event-time order. It
 * keeps a {@link FirstCrossing} score per client; a threshold turns scores into flags.
 */
public interface Defence {
    /** Short name for reports, e.g. {@code rate-limit}. */
    String name();

    /** How the threshold reads in reports, e.g. {@code > 120 requests/min}. */
    String describe(double threshold);

    /**
     * Observes request number {@code seq} (1-based) of client {@code client} (an index into the
     * simulated population).
     */
    void observe(int client, long seq, long timestampMillis, ObjectNode request);

    /** The client's score history. */
    FirstCrossing score(int client);
}
