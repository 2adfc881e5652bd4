package dev.exdetect.simulation.benign;

import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.corpus.Vocabulary;
import java.util.List;
import java.util.Random;

/**
 * What a person asks: questions about a few topics of interest (a topic is a run of consecutive
 * corpus questions), some instruction-style requests, and the habits that make real traffic
 * repetitive: asking the same thing again, and rephrasing the previous question.
 */
public final class UserQueries {
    /** Consecutive corpus questions treated as one topic. */
    static final int TOPIC_WINDOW = 40;

    /** Share of queries repeating a recent one, in the seed benchmark. */
    public static final double REPEAT_SHARE = 0.05;

    /** Share of queries rephrasing the previous one, in the seed benchmark. */
    public static final double REFORMULATION_SHARE = 0.12;

    private final List<String> questions;
    private final List<String> instructions;
    private final int[] interests;
    private final double instructionShare;
    private final double repeatShare;
    private final double reformulationShare;
    private final String[] recent = new String[8];
    private int recentCount;
    private String last;

    /**
     * A person with {@code topics} interests who writes instructions for {@code instructionShare}
     * of their new queries.
     */
    public UserQueries(Corpus corpus, Random setup, int topics, double instructionShare) {
        this(corpus, setup, topics, instructionShare, REPEAT_SHARE, REFORMULATION_SHARE);
    }

    /**
     * A person as above who asks the same thing again for {@code repeatShare} of their queries and
     * rephrases the previous one for {@code reformulationShare}.
     */
    public UserQueries(
            Corpus corpus,
            Random setup,
            int topics,
            double instructionShare,
            double repeatShare,
            double reformulationShare) {
        this.questions = corpus.questions();
        this.instructions = corpus.instructions();
        this.instructionShare = instructionShare;
        this.repeatShare = repeatShare;
        this.reformulationShare = reformulationShare;
        this.interests = new int[topics];
        for (int i = 0; i < topics; i++) {
            interests[i] = setup.nextInt(questions.size());
        }
    }

    /** The next query. */
    public String next(Random random) {
        double r = random.nextDouble();
        String text;
        if (last != null && r < repeatShare) {
            text = recent[random.nextInt(Math.min(recentCount, recent.length))];
        } else if (last != null && r < repeatShare + reformulationShare) {
            text = reformulate(last, random);
        } else if (random.nextDouble() < instructionShare) {
            text = instructions.get(random.nextInt(instructions.size()));
        } else {
            int topic = interests[random.nextInt(interests.length)];
            text = questions.get((topic + random.nextInt(TOPIC_WINDOW)) % questions.size());
        }
        recent[recentCount++ % recent.length] = text;
        last = text;
        return text;
    }

    /** The same request, rephrased the way people do when the first answer missed. */
    static String reformulate(String text, Random random) {
        String core = text.strip();
        while (!core.isEmpty() && ".?!".indexOf(core.charAt(core.length() - 1)) >= 0) {
            core = core.substring(0, core.length() - 1).strip();
        }
        return String.format(Vocabulary.pick(Vocabulary.REFORMULATIONS, random), core);
    }
}
