package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import java.util.Random;

/**
 * A back-office integration with a naive retry loop: normally a steady trickle of distinct
 * requests, but now and then a call fails (503 or 429) and the same request is retried 20-150 times
 * within seconds until it goes through: bursts of exact repeats.
 */
public final class RetryStorm extends SimProfile {
    private static final double STORM_CHANCE = 1 / 150.0;

    private final Corpus corpus;
    private final double meanDelayMillis;
    private String stormText;
    private int stormLeft;

    /** An integration sending on average one request per {@code meanDelayMillis} between storms. */
    public RetryStorm(Corpus corpus, double meanDelayMillis) {
        super(Family.RETRY_STORM);
        this.corpus = corpus;
        this.meanDelayMillis = meanDelayMillis;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return stormLeft > 0
                ? Timing.uniform(random, 100, 1_500)
                : Timing.exponential(random, meanDelayMillis);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        if (stormLeft == 0 && random.nextDouble() < STORM_CHANCE) {
            stormLeft = 20 + random.nextInt(131);
            stormText = null;
        }
        String text =
                stormText != null
                        ? stormText
                        : corpus.instructions().get(random.nextInt(corpus.instructions().size()));
        Requests.chat(request, text, 0.0, 800, false, random);
        if (stormLeft > 0) {
            stormText = text;
            if (--stormLeft > 0) {
                Requests.fail(request, random.nextBoolean() ? 503 : 429, random);
            } else {
                stormText = null;
            }
        }
    }
}
