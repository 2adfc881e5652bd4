package dev.exdetect.simulation.attack;

import java.util.List;

/**
 * An extraction prompt list and the position an attacker has reached in it (wrapping around).
 * Accounts of a hydra chain share one: each carries on where the previous one stopped.
 */
public final class PromptPool {
    private final List<String> prompts;
    private int next;

    /** {@code prompts} from position {@code first}. */
    public PromptPool(List<String> prompts, int first) {
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("an extraction pool needs prompts");
        }
        this.prompts = prompts;
        this.next = Math.floorMod(first, prompts.size());
    }

    /** The next prompt. */
    public String next() {
        String p = prompts.get(next);
        next = (next + 1) % prompts.size();
        return p;
    }
}
