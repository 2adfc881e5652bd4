package dev.exdetect.simulation.profile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * How one simulated client behaves: when it sends its next request and what the request holds.
 * Implementations must draw all randomness from the {@link Random} they are given (or one made from
 * a seed when the client is set up), so a simulation is a pure function of its seed.
 */
public interface ClientProfile {
    /** Role of a legitimate client in the ground truth. */
    String BENIGN = "benign";

    /** Role of an extraction attacker in the ground truth. */
    String ATTACK = "attack";

    /** {@link #budget()} of a client without a query budget. */
    long UNLIMITED = -1;

    /** The role written to the ground-truth file: {@link #BENIGN} or {@link #ATTACK}. */
    String role();

    /** The family, e.g. {@code interactive-user} or {@code distillation}. */
    String family();

    /** Milliseconds until this client's next request. */
    long nextDelayMillis(Random random);

    /**
     * Milliseconds from the request sent at event time {@code nowMillis} to the next one. The
     * simulator calls this form; profiles whose pace depends on the time of day override it.
     */
    default long nextDelayMillis(long nowMillis, Random random) {
        return nextDelayMillis(random);
    }

    /**
     * Fills {@code request} (which already holds {@code request_id}, {@code timestamp}, {@code
     * client_id} and the client's network fields) with the request's input, parameters and output.
     */
    void fill(ObjectNode request, Random random);

    /**
     * The attack queries this client sends before it stops, or {@link #UNLIMITED}. Only attack
     * queries count: a client mixing attack queries into normal traffic sends more requests.
     */
    default long budget() {
        return UNLIMITED;
    }

    /** Whether the request {@link #fill} wrote last is an attack query. */
    default boolean lastWasAttack() {
        return ATTACK.equals(role());
    }
}
