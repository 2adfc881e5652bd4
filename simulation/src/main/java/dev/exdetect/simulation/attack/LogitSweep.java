package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import java.util.Random;

/**
 * Recovers the model's output layer through the logprob interface (Carlini et al. 2024, Morris et
 * al. 2023): one fixed prompt sent again and again, one output token, logprobs requested, and a
 * {@code logit_bias} that lifts a different block of token ids on each call.
 */
public final class LogitSweep extends BudgetedAttack {
    /** Token ids lifted per call. */
    static final int TOKENS_PER_CALL = 5;

    private final String prompt;
    private int nextToken;

    /** A sweep over {@code prompt} starting at token id {@code firstToken}. */
    public LogitSweep(String prompt, int firstToken, long budget, double meanDelayMillis) {
        super(Family.LOGIT_SWEEP, budget, meanDelayMillis, 0.3);
        this.prompt = prompt;
        this.nextToken = firstToken;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        ObjectNode params = Requests.chat(request, prompt, 0.0, 1, true, random);
        ObjectNode bias = params.putObject("logit_bias");
        for (int i = 0; i < TOKENS_PER_CALL; i++) {
            bias.put(Integer.toString(nextToken++ % 100_000), 100);
        }
    }
}
