package dev.exdetect.samples.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * How one simulated client behaves: when it sends its next request and what the request holds.
 * Implementations must draw all randomness from the {@link Random} they are given, so a simulation
 * is a pure function of its seed.
 */
public interface ClientProfile {
    /** The role written to the ground-truth file: {@code benign} or {@code attack}. */
    String role();

    /** The family, e.g. {@code interactive-user} or {@code distillation}. */
    String family();

    /** Milliseconds until this client's next request. */
    long nextDelayMillis(Random random);

    /**
     * Fills {@code request} (which already holds {@code request_id}, {@code timestamp}, {@code
     * client_id}) with the request's input, parameters and output.
     */
    void fill(ObjectNode request, Random random);
}
