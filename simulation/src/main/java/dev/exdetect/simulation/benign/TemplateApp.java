package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import java.util.List;
import java.util.Random;

/**
 * A legitimate product built on the API: it wraps each of its users' messages in one fixed prompt
 * template and calls the model with fixed parameters, at a high volume that follows its users' day.
 * Most of each prompt is the same template text, which is what makes such apps look like
 * near-duplicate probing to a naive detector.
 */
public final class TemplateApp extends SimProfile {
    /** The templates apps use; {@code {input}} is replaced by the user's message. */
    static final List<String> TEMPLATES =
            List.of(
                    "You are the customer support assistant of an online electronics shop. Answer"
                            + " the customer's message politely and briefly. If the question is"
                            + " about an order, ask for the order number. Never promise refunds."
                            + " Do not discuss competitors.\n\nCustomer message: {input}\n\nAnswer:",
                    "You are a tutor for secondary school students. Explain the answer to the"
                            + " student's question in plain language, in at most five sentences,"
                            + " and end with one question that checks understanding.\n\nStudent:"
                            + " {input}\nTutor:",
                    "Classify the following user message into one of these categories: billing,"
                            + " technical problem, account access, feature request, other. Then"
                            + " write a one-sentence summary. Reply as JSON with the keys"
                            + " \"category\" and \"summary\".\n\nMessage: {input}",
                    "You help employees of a logistics company search the internal knowledge"
                            + " base. Rewrite the employee's question as a short search query,"
                            + " then answer it from general knowledge if the knowledge base has"
                            + " nothing.\n\nEmployee question: {input}\nSearch query and answer:");

    private final String template;
    private final Corpus corpus;
    private final double meanDelayMillis;
    private final String[] recentInputs = new String[16];
    private int count;

    /** An app with one of the templates, sending on average one request per {@code mean} ms. */
    public TemplateApp(Corpus corpus, Random setup, double meanDelayMillis) {
        super(Family.TEMPLATE_APP);
        this.corpus = corpus;
        this.template = TEMPLATES.get(setup.nextInt(TEMPLATES.size()));
        this.meanDelayMillis = meanDelayMillis;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return Timing.diurnalExponential(random, meanDelayMillis, nowMillis);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String input;
        if (count > 0 && random.nextDouble() < 0.03) {
            // Users of one product often ask the same thing.
            input = recentInputs[random.nextInt(Math.min(count, recentInputs.length))];
        } else if (random.nextDouble() < 0.75) {
            input = corpus.questions().get(random.nextInt(corpus.questions().size()));
        } else {
            input = corpus.instructions().get(random.nextInt(corpus.instructions().size()));
        }
        recentInputs[count++ % recentInputs.length] = input;
        Requests.chat(request, template.replace("{input}", input), 0.2, 400, false, random);
    }
}
