package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import java.util.List;
import java.util.Random;

/**
 * A researcher running a public benchmark once: every question of the benchmark exactly once, in
 * its order, in a tight loop (the next call as soon as the answer is in), in the harness's prompt
 * format, with deterministic decoding and short answers; then nothing more.
 */
public final class EvalRun extends SimProfile {
    /** Longer than any simulation: the run is over. */
    private static final long DONE = Long.MAX_VALUE / 4;

    private final List<String> questions;
    private final String format;
    private final long minPauseMillis;
    private final long maxPauseMillis;
    private final int maxTokens;
    private int sent;

    /**
     * @param questions the benchmark, in order
     * @param format the harness's prompt holding {@code {input}}
     * @param minPauseMillis shortest pause between calls
     * @param maxPauseMillis longest pause between calls
     */
    public EvalRun(
            List<String> questions,
            String format,
            long minPauseMillis,
            long maxPauseMillis,
            int maxTokens) {
        super(Family.EVAL_RUN);
        this.questions = List.copyOf(questions);
        this.format = format;
        this.minPauseMillis = minPauseMillis;
        this.maxPauseMillis = maxPauseMillis;
        this.maxTokens = maxTokens;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return sent >= questions.size()
                ? DONE
                : Timing.uniform(random, minPauseMillis, maxPauseMillis);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String q = questions.get(sent++);
        Requests.chat(request, format.replace("{input}", q), 0.0, maxTokens, false, random);
    }
}
