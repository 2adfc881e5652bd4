package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.benign.EndUsers;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.Sessions;
import java.util.Random;

/**
 * Distillation from a key shaped like a B2B product: the traffic has a product's shape (many end
 * users' sessions merged, day-shaped, from servers with an SDK, fixed parameters, optionally the
 * product's prompt around each message), but every message is the next prompt of an extraction
 * pool.
 */
public final class ProductMimic extends BudgetedAttack {
    private final EndUsers users;
    private final PromptPool pool;
    private final String template;
    private final PromptHarvester.Decoding decoding;

    /**
     * @param users the imitated end users' timing
     * @param template the imitated product's prompt holding {@code {input}}, or null
     */
    public ProductMimic(
            EndUsers users,
            PromptPool pool,
            String template,
            PromptHarvester.Decoding decoding,
            long budget) {
        super(Family.DISTILLATION, budget, users.meanMillis(Sessions.MEAN_ACTIVITY), 0);
        this.users = users;
        this.pool = pool;
        this.template = template;
        this.decoding = decoding;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return users.delayAfter(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        users.sender(request.path("timestamp").asLong(), random);
        String text = pool.next();
        ObjectNode params =
                Requests.chat(
                        request,
                        template == null ? text : template.replace("{input}", text),
                        decoding.temperature(),
                        decoding.maxTokens(),
                        false,
                        random);
        if (decoding.topP() != null) {
            params.put("top_p", decoding.topP());
        }
    }
}
