package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import java.util.List;
import java.util.Random;

/**
 * A back-office integration: a job calling the API with distinct inputs (optionally wrapped in one
 * fixed instruction) at its own pace, and retrying calls that fail. The seed benchmark's {@link
 * #retryStorm} retries naively, 20-150 times within seconds (bursts of exact repeats); others back
 * off exponentially, or do not retry at all.
 */
public final class Integration extends SimProfile {
    /** How failed calls are retried. */
    public enum RetryKind {
        /** A failure is not retried (the job moves on). */
        NONE,
        /** The same call again and again, a fixed short pause apart, until it goes through. */
        STORM,
        /** The same call after pauses that double (with jitter) up to a cap. */
        BACKOFF
    }

    /**
     * When calls fail and how they are retried.
     *
     * @param kind retry behaviour
     * @param failureChance chance that a new call starts an outage (it fails, then is retried)
     * @param minAttempts fewest calls until one goes through (the last succeeds)
     * @param maxAttempts most calls
     * @param minPauseMillis STORM: shortest pause; BACKOFF: the first pause
     * @param maxPauseMillis STORM: longest pause; BACKOFF: the cap
     */
    public record Retries(
            RetryKind kind,
            double failureChance,
            int minAttempts,
            int maxAttempts,
            long minPauseMillis,
            long maxPauseMillis) {
        /** The seed benchmark's retry storms. */
        public static final Retries SEED_STORM =
                new Retries(RetryKind.STORM, 1 / 150.0, 20, 150, 100, 1_500);
    }

    private final List<String> inputs;
    private final String wrapper;
    private final Pacing pacing;
    private final Retries retries;
    private final double temperature;
    private final int maxTokens;
    private String retryText;
    private int attemptsLeft;
    private int attempt;

    /**
     * @param family the ground-truth family
     * @param inputs what the job sends, one at random per new call
     * @param wrapper a fixed instruction holding {@code {input}}, or null to send inputs as they
     *     are
     * @param pacing pauses between new calls
     * @param retries failures and retries
     */
    public Integration(
            Family family,
            List<String> inputs,
            String wrapper,
            Pacing pacing,
            Retries retries,
            double temperature,
            int maxTokens) {
        super(family);
        this.inputs = inputs;
        this.wrapper = wrapper;
        this.pacing = pacing;
        this.retries = retries;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    /**
     * The seed benchmark's retry-storm integration: distinct instructions about every {@code
     * meanDelayMillis} (Poisson arrivals), and now and then (1 call in 150) a failure with 503 or
     * 429 retried 20-150 times 0.1-1.5 s apart.
     */
    public static Integration retryStorm(Corpus corpus, double meanDelayMillis) {
        return new Integration(
                Family.RETRY_STORM,
                corpus.instructions(),
                null,
                Pacing.poisson(meanDelayMillis),
                Retries.SEED_STORM,
                0.0,
                800);
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (attemptsLeft <= 0) {
            return pacing.next(nowMillis, random);
        }
        if (retries.kind() == RetryKind.STORM) {
            return Timing.uniform(random, retries.minPauseMillis(), retries.maxPauseMillis());
        }
        // Exponential backoff with "equal jitter": half the pause fixed, half random.
        double pause =
                Math.min(
                        retries.maxPauseMillis(),
                        retries.minPauseMillis() * Math.pow(2, attempt - 1));
        return Math.max(1, (long) (pause / 2 + random.nextDouble() * pause / 2));
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        if (attemptsLeft == 0
                && retries.kind() != RetryKind.NONE
                && random.nextDouble() < retries.failureChance()) {
            attemptsLeft =
                    retries.minAttempts()
                            + random.nextInt(retries.maxAttempts() - retries.minAttempts() + 1);
            retryText = null;
            attempt = 0;
        }
        String text;
        if (retryText != null) {
            text = retryText;
        } else {
            String input = inputs.get(random.nextInt(inputs.size()));
            text = wrapper == null ? input : wrapper.replace("{input}", input);
        }
        Requests.chat(request, text, temperature, maxTokens, false, random);
        if (attemptsLeft > 0) {
            retryText = text;
            attempt++;
            if (--attemptsLeft > 0) {
                Requests.fail(request, random.nextBoolean() ? 503 : 429, random);
            } else {
                retryText = null;
            }
        }
    }
}
