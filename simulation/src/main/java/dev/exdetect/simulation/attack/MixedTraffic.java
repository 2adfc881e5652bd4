package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.benign.UserQueries;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.Timing;
import java.util.List;
import java.util.Random;

/**
 * An attacker hiding distillation prompts in an account's normal traffic: in every block of ten
 * requests exactly {@code attacksPerTen} are attack prompts (at random places in the block), the
 * rest are the account's ordinary questions. The budget counts attack prompts only.
 */
public final class MixedTraffic extends BudgetedAttack {
    private final UserQueries normal;
    private final List<String> attackPrompts;
    private final int attacksPerTen;
    private final boolean[] block = new boolean[10];
    private int position = block.length;
    private int attackSent;
    private final int firstPrompt;
    private boolean lastWasAttack;

    /** {@link Family#MIXED_50} or {@link Family#MIXED_20}. */
    public MixedTraffic(
            Family family,
            UserQueries normal,
            List<String> attackPrompts,
            int firstPrompt,
            long budget,
            double meanDelayMillis) {
        super(family, budget, meanDelayMillis, 0);
        this.attacksPerTen =
                switch (family) {
                    case MIXED_50 -> 5;
                    case MIXED_20 -> 2;
                    default -> throw new IllegalArgumentException("not a mixing family: " + family);
                };
        this.normal = normal;
        this.attackPrompts = attackPrompts;
        this.firstPrompt = firstPrompt;
    }

    @Override
    public boolean lastWasAttack() {
        return lastWasAttack;
    }

    @Override
    protected long scriptedDelayMillis(long nowMillis, Random random) {
        // Normal traffic is irregular: Poisson arrivals rather than a script's fixed pace.
        return Timing.exponential(random, meanDelayMillis());
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        if (position == block.length) {
            newBlock(random);
        }
        lastWasAttack = block[position++];
        if (lastWasAttack) {
            String text = attackPrompts.get((firstPrompt + attackSent++) % attackPrompts.size());
            Requests.chat(request, text, 0.7, 2048, false, random);
        } else {
            Requests.chat(request, normal.next(random), 0.7, 1024, false, random);
        }
    }

    /** A block of ten with exactly {@code attacksPerTen} attack places (Fisher-Yates). */
    private void newBlock(Random random) {
        for (int i = 0; i < block.length; i++) {
            block[i] = i < attacksPerTen;
        }
        for (int i = block.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            boolean t = block[i];
            block[i] = block[j];
            block[j] = t;
        }
        position = 0;
    }
}
