package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
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

    /**
     * What an app sends besides its template.
     *
     * @param repeatShare share of requests repeating one of the last 16 inputs
     * @param questionShare share of new inputs that are questions (the rest: instructions)
     * @param temperature the app's fixed temperature
     * @param maxTokens the app's fixed answer limit
     */
    public record Content(
            double repeatShare, double questionShare, double temperature, int maxTokens) {
        /** The seed benchmark's apps. */
        public static final Content SEED = new Content(0.03, 0.75, 0.2, 400);
    }

    private final String template;
    private final Corpus corpus;
    private final Pacing pacing;
    private final Content content;
    private final String[] recentInputs = new String[16];
    private int count;

    /** An app with one of the templates, sending on average one request per {@code mean} ms. */
    public TemplateApp(Corpus corpus, Random setup, double meanDelayMillis) {
        this(
                corpus,
                TEMPLATES.get(setup.nextInt(TEMPLATES.size())),
                Pacing.diurnalPoisson(meanDelayMillis),
                Content.SEED);
    }

    /**
     * An app wrapping inputs in {@code template} (which holds {@code {input}}), sending at {@code
     * pacing}.
     */
    public TemplateApp(Corpus corpus, String template, Pacing pacing, Content content) {
        super(Family.TEMPLATE_APP);
        if (!template.contains("{input}")) {
            throw new IllegalArgumentException("a template needs an {input} slot");
        }
        this.corpus = corpus;
        this.template = template;
        this.pacing = pacing;
        this.content = content;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return pacing.next(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String input;
        if (count > 0 && random.nextDouble() < content.repeatShare()) {
            // Users of one product often ask the same thing.
            input = recentInputs[random.nextInt(Math.min(count, recentInputs.length))];
        } else if (random.nextDouble() < content.questionShare()) {
            input = corpus.questions().get(random.nextInt(corpus.questions().size()));
        } else {
            input = corpus.instructions().get(random.nextInt(corpus.instructions().size()));
        }
        recentInputs[count++ % recentInputs.length] = input;
        Requests.chat(
                request,
                template.replace("{input}", input),
                content.temperature(),
                content.maxTokens(),
                false,
                random);
    }
}
