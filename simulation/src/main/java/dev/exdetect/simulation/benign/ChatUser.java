package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.Sessions;
import dev.exdetect.simulation.profile.SimProfile;
import java.util.Random;

/**
 * A person using a chat assistant: sessions of a few to a few dozen queries with reading pauses in
 * between, long breaks between sessions (shorter in the afternoon), a few topics of interest, and
 * the UI's default decoding parameters.
 */
public final class ChatUser extends SimProfile {
    /**
     * How a kind of user behaves.
     *
     * @param family the ground-truth family
     * @param minTopics fewest topics of interest (up to {@code extraTopics} more)
     * @param extraTopics spread of the number of topics
     * @param instructionShare share of new queries that are instructions
     * @param meanSessionLength mean queries per session (geometric)
     * @param pauseMin shortest pause within a session, ms
     * @param pauseMax longest pause within a session, ms
     * @param meanBreakMillis mean break between sessions at the busiest time of day
     */
    public record Shape(
            Family family,
            int minTopics,
            int extraTopics,
            double instructionShare,
            double meanSessionLength,
            long pauseMin,
            long pauseMax,
            double meanBreakMillis) {}

    /**
     * An ordinary user: sessions of about 6 queries 10-90 s apart, about 3 hours between sessions
     * at the busiest time of day; 2-4 topics; 10% instructions.
     */
    public static final Shape INTERACTIVE =
            new Shape(Family.INTERACTIVE_USER, 2, 2, 0.10, 6, 10_000, 90_000, 3 * 3_600_000.0);

    /**
     * A heavy user (a developer or analyst at work): sessions of about 25 queries 4-40 s apart,
     * about 40 minutes between sessions; 3-6 topics; 35% instructions.
     */
    public static final Shape POWER =
            new Shape(Family.POWER_USER, 3, 3, 0.35, 25, 4_000, 40_000, 40 * 60_000.0);

    /**
     * The demo's busier user: short pauses (5-40 s, a few minutes between sessions) so that a few
     * minutes of demo show traffic from everyone; 3 topics.
     */
    static final Shape DEMO =
            new Shape(Family.INTERACTIVE_USER, 3, 0, 0.10, 10, 5_000, 40_000, 150_000);

    private final UserQueries queries;
    private final double temperature;
    private final int maxTokens;
    private final Sessions sessions;

    private ChatUser(
            Shape shape,
            Corpus corpus,
            Random setup,
            double repeatShare,
            double reformulationShare) {
        super(shape.family());
        this.queries =
                new UserQueries(
                        corpus,
                        setup,
                        shape.minTopics() + setup.nextInt(shape.extraTopics() + 1),
                        shape.instructionShare(),
                        repeatShare,
                        reformulationShare);
        this.temperature = setup.nextDouble() < 0.8 ? 0.7 : 1.0;
        this.maxTokens = setup.nextDouble() < 0.7 ? 1024 : 4096;
        this.sessions =
                new Sessions(
                        shape.meanSessionLength(),
                        shape.pauseMin(),
                        shape.pauseMax(),
                        shape.meanBreakMillis(),
                        setup);
    }

    /**
     * A user of {@code shape} (a world's cohort sets its own) who repeats a recent query for {@code
     * repeatShare} of their queries and rephrases the previous one for {@code reformulationShare}.
     */
    public static ChatUser of(
            Shape shape,
            Corpus corpus,
            Random setup,
            double repeatShare,
            double reformulationShare) {
        return new ChatUser(shape, corpus, setup, repeatShare, reformulationShare);
    }

    /** An ordinary user ({@link #INTERACTIVE}). */
    public static ChatUser interactive(Corpus corpus, Random setup) {
        return of(
                INTERACTIVE,
                corpus,
                setup,
                UserQueries.REPEAT_SHARE,
                UserQueries.REFORMULATION_SHARE);
    }

    /** A heavy user ({@link #POWER}). */
    public static ChatUser power(Corpus corpus, Random setup) {
        return of(POWER, corpus, setup, UserQueries.REPEAT_SHARE, UserQueries.REFORMULATION_SHARE);
    }

    /** The demo's user ({@link #DEMO}). */
    public static ChatUser demo(Corpus corpus, Random setup) {
        return of(DEMO, corpus, setup, UserQueries.REPEAT_SHARE, UserQueries.REFORMULATION_SHARE);
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return sessions.next(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        Requests.chat(request, queries.next(random), temperature, maxTokens, false, random);
    }
}
