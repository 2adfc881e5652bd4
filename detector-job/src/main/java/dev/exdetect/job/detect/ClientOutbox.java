package dev.exdetect.job.detect;

import dev.exdetect.job.output.OutputRecord;

/**
 * Where the messages about the client being handled go: alerts to the detection step's main output,
 * throttle commands to {@link DetectionFunction#THROTTLES}, and the timers their deadlines need.
 * Lets the classes that assemble messages and run deadlines work without the Flink context.
 */
interface ClientOutbox {
    /** The client's key ({@code tenant:client_id}). */
    String key();

    /** Sends an alert message. */
    void alert(OutputRecord alert);

    /** Sends a throttle command or lift. */
    void command(OutputRecord command);

    /** Makes sure the function wakes at event time {@code t} (unless the input has ended). */
    void wakeAt(long t);
}
