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

    private final List<String> prompts;
    private final int firstPrompt;
    private final Decoding decoding;
    private int sent;

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
        super(family, budget, meanDelayMillis, spread);
        this.prompts = prompts;
        this.firstPrompt = firstPrompt;
        this.decoding = decoding;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String text = prompts.get((firstPrompt + sent++) % prompts.size());
        ObjectNode params =
                Requests.chat(
                        request, text, decoding.temperature(), decoding.maxTokens(), false, random);
        if (decoding.topP() != null) {
            params.put("top_p", decoding.topP());
        }
    }
}
