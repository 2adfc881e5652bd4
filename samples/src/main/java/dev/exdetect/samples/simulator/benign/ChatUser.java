package dev.exdetect.samples.simulator.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.samples.corpus.Corpus;
import dev.exdetect.samples.simulator.Family;
import dev.exdetect.samples.simulator.Requests;
import dev.exdetect.samples.simulator.SimProfile;
import dev.exdetect.samples.simulator.Timing;
import java.util.Random;

/**
 * A person using a chat assistant: sessions of a few to a few dozen queries with reading pauses in
 * between, long breaks between sessions (shorter in the afternoon), a few topics of interest, and
 * the UI's default decoding parameters.
 */
public final class ChatUser extends SimProfile {
    private final UserQueries queries;
    private final double meanSessionLength;
    private final long pauseMin;
    private final long pauseMax;
    private final double meanBreakMillis;
    private final double temperature;
    private final int maxTokens;
    private int sessionLeft;

    private ChatUser(
            Family family,
            UserQueries queries,
            double meanSessionLength,
            long pauseMin,
            long pauseMax,
            double meanBreakMillis,
            Random setup) {
        super(family);
        this.queries = queries;
        this.meanSessionLength = meanSessionLength;
        this.pauseMin = pauseMin;
        this.pauseMax = pauseMax;
        this.meanBreakMillis = meanBreakMillis;
        this.temperature = setup.nextDouble() < 0.8 ? 0.7 : 1.0;
        this.maxTokens = setup.nextDouble() < 0.7 ? 1024 : 4096;
        this.sessionLeft = sessionLength(setup);
    }

    /**
     * An ordinary user: sessions of about 6 queries 10-90 s apart, about 3 hours between sessions
     * at the busiest time of day; 2-4 topics; 10% instructions.
     */
    public static ChatUser interactive(Corpus corpus, Random setup) {
        return new ChatUser(
                Family.INTERACTIVE_USER,
                new UserQueries(corpus, setup, 2 + setup.nextInt(3), 0.10),
                6,
                10_000,
                90_000,
                3 * 3_600_000.0,
                setup);
    }

    /**
     * A heavy user (a developer or analyst at work): sessions of about 25 queries 4-40 s apart,
     * about 40 minutes between sessions; 3-6 topics; 35% instructions.
     */
    public static ChatUser power(Corpus corpus, Random setup) {
        return new ChatUser(
                Family.POWER_USER,
                new UserQueries(corpus, setup, 3 + setup.nextInt(4), 0.35),
                25,
                4_000,
                40_000,
                40 * 60_000.0,
                setup);
    }

    /**
     * The demo's busier user: short pauses (5-40 s, sometimes minutes) so that a few minutes of
     * demo show traffic from everyone.
     */
    public static ChatUser demo(Corpus corpus, Random setup) {
        return new ChatUser(
                Family.INTERACTIVE_USER,
                new UserQueries(corpus, setup, 3, 0.10),
                10,
                5_000,
                40_000,
                150_000,
                setup);
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (--sessionLeft > 0) {
            return Timing.uniform(random, pauseMin, pauseMax);
        }
        sessionLeft = sessionLength(random);
        return Timing.diurnalExponential(random, meanBreakMillis, nowMillis);
    }

    @Override
    public void fill(ObjectNode request, Random random) {
        Requests.chat(request, queries.next(random), temperature, maxTokens, false, random);
    }

    /** Geometric, at least 1, with the configured mean. */
    private int sessionLength(Random random) {
        double p = 1 / meanSessionLength;
        return 1 + (int) (Math.log(1 - random.nextDouble()) / Math.log(1 - p));
    }
}
