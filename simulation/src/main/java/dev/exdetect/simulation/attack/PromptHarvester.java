package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import java.util.List;
import java.util.Random;

/**
 * Collects answers to a list of instruction-style prompts to train a student model (distillation):
 * every prompt different, the same decoding parameters on every call. The pace makes the family:
 * fast ({@code distillation}), a person's pace ({@code low-and-slow}), or one account of a Sybil
 * campaign working through its slice of a shared prompt list.
 */
public final class PromptHarvester extends BudgetedAttack {
    /**
     * Decoding parameters an attacker keeps constant.
     *
     * @param temperature sampling temperature
     * @param maxTokens answer length limit
     * @param topP nucleus sampling parameter, or null to leave it out
     */
    public record Decoding(double temperature, int maxTokens, Double topP) {
        /** What a typical distillation script sends. */
        public static final Decoding DEFAULT = new Decoding(0.7, 2048, null);
    }

    private final PromptPool pool;
    private final Decoding decoding;
    private final String[] recent = new String[32];
    private int sent;
    private Paraphrase paraphrase;
    private double repeatShare;

    /**
     * @param prompts the prompt list, used in order from {@code firstPrompt} (wrapping around)
     * @param meanDelayMillis mean pause between requests
     * @param spread pauses vary uniformly by this fraction around the mean
     */
    public PromptHarvester(
            Family family,
            List<String> prompts,
            int firstPrompt,
            long budget,
            double meanDelayMillis,
            double spread,
            Decoding decoding) {
        this(
                family,
                new PromptPool(prompts, firstPrompt),
                budget,
                meanDelayMillis,
                spread,
                decoding);
    }

    /** A harvester drawing from {@code pool}, which other accounts may share (a hydra chain). */
    public PromptHarvester(
            Family family,
            PromptPool pool,
            long budget,
            double meanDelayMillis,
            double spread,
            Decoding decoding) {
        super(family, budget, meanDelayMillis, spread);
        this.pool = pool;
        this.decoding = decoding;
    }

    /**
     * Paraphrases every prompt lightly ({@code paraphrase}, or null for none) and repeats one of
     * its last 32 queries for {@code repeatShare} of the requests (as people do; a repeat counts
     * against the budget but takes no new prompt). Set before the start.
     */
    public PromptHarvester disguise(Paraphrase paraphrase, double repeatShare) {
        this.paraphrase = paraphrase;
        this.repeatShare = repeatShare;
        return this;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String text;
        if (sent > 0 && repeatShare > 0 && random.nextDouble() < repeatShare) {
            text = recent[random.nextInt(Math.min(sent, recent.length))];
        } else {
            text = pool.next();
            if (paraphrase != null) {
                text = paraphrase.apply(text, random);
            }
        }
        recent[sent++ % recent.length] = text;
        ObjectNode params =
                Requests.chat(
                        request, text, decoding.temperature(), decoding.maxTokens(), false, random);
        if (decoding.topP() != null) {
            params.put("top_p", decoding.topP());
        }
    }
}
