package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import java.util.Random;

/**
 * A support bot that forwards its visitors' questions, which are mostly the same few: 20-40
 * frequently asked questions with Zipf-like popularity, so most requests are exact repeats.
 */
public final class FaqBot extends SimProfile {
    private final String[] faq;
    private final double[] cumulative;
    private final Pacing pacing;

    /** A bot sending on average one request per {@code meanDelayMillis}. */
    public FaqBot(Corpus corpus, Random setup, double meanDelayMillis) {
        this(corpus, setup, Pacing.diurnalPoisson(meanDelayMillis), 20, 40, 1.1);
    }

    /**
     * A bot with {@code minQuestions} to {@code maxQuestions} questions of Zipf popularity with
     * exponent {@code zipf}, sending at {@code pacing}.
     */
    public FaqBot(
            Corpus corpus,
            Random setup,
            Pacing pacing,
            int minQuestions,
            int maxQuestions,
            double zipf) {
        super(Family.FAQ_BOT);
        this.pacing = pacing;
        faq = new String[minQuestions + setup.nextInt(maxQuestions - minQuestions + 1)];
        int start = setup.nextInt(corpus.questions().size());
        for (int i = 0; i < faq.length; i++) {
            faq[i] = corpus.questions().get((start + i) % corpus.questions().size());
        }
        cumulative = new double[faq.length];
        double sum = 0;
        for (int i = 0; i < faq.length; i++) {
            sum += 1 / Math.pow(i + 1, zipf);
            cumulative[i] = sum;
        }
        for (int i = 0; i < faq.length; i++) {
            cumulative[i] /= sum;
        }
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return pacing.next(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        double u = random.nextDouble();
        int i = 0;
        while (i < faq.length - 1 && cumulative[i] < u) {
            i++;
        }
        Requests.chat(request, faq[i], 0.0, 300, false, random);
    }
}
