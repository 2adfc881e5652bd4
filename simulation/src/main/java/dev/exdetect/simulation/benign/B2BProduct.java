package dev.exdetect.simulation.benign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.SimProfile;
import java.util.Random;

/**
 * A B2B product forwarding many end users' questions through one API key: each end user asks about
 * their own few topics in their own sessions ({@link EndUsers}), the product wraps each message in
 * its prompt (or not) and calls the model with fixed parameters from its servers. Many distinct,
 * novel questions from one key, day-shaped: what a distiller's traffic looks like to a detector
 * that counts novelty per key.
 */
public final class B2BProduct extends SimProfile {
    private final EndUsers users;
    private final UserQueries[] queries;
    private final String template;
    private final double temperature;
    private final int maxTokens;
    private int sender;

    /**
     * @param users the end users' timing
     * @param topics topics of interest of each end user
     * @param instructionShare share of an end user's new queries that are instructions
     * @param template the product's prompt holding {@code {input}}, or null to forward messages as
     *     they are
     */
    public B2BProduct(
            Corpus corpus,
            Random setup,
            EndUsers users,
            int topics,
            double instructionShare,
            String template,
            double temperature,
            int maxTokens) {
        super(Family.B2B_PRODUCT);
        this.users = users;
        this.queries = new UserQueries[users.size()];
        for (int u = 0; u < queries.length; u++) {
            queries[u] = new UserQueries(corpus, setup, topics, instructionShare);
        }
        this.template = template;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return users.delayAfter(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        sender = users.sender(request.path("timestamp").asLong(), random);
        String text = queries[sender].next(random);
        Requests.chat(
                request,
                template == null ? text : template.replace("{input}", text),
                temperature,
                maxTokens,
                false,
                random);
    }
}
