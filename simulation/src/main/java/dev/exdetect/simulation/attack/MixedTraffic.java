package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.benign.UserQueries;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.Timing;
import java.util.List;
import java.util.Random;

/**
 * An attacker hiding distillation prompts in an account's normal traffic: in every block of {@code
 * blockSize} requests (ten in the seed benchmark) exactly {@code attacksPerBlock} are attack
 * prompts (at random places in the block), the rest are the account's ordinary questions. The
 * budget counts attack prompts only.
 */
public final class MixedTraffic extends BudgetedAttack {
    private final UserQueries normal;
    private final PromptPool attackPrompts;
    private final int attacksPerBlock;
    private final boolean[] block;
    private final PromptHarvester.Decoding attackDecoding;
    private final PromptHarvester.Decoding normalDecoding;
    private int position;
    private boolean lastWasAttack;

    /** {@link Family#MIXED_50} or {@link Family#MIXED_20}. */
    public MixedTraffic(
            Family family,
            UserQueries normal,
            List<String> attackPrompts,
            int firstPrompt,
            long budget,
            double meanDelayMillis) {
        this(
                family,
                normal,
                new PromptPool(attackPrompts, firstPrompt),
                budget,
                meanDelayMillis,
                switch (family) {
                    case MIXED_50 -> 5;
                    case MIXED_20 -> 2;
                    default -> throw new IllegalArgumentException("not a mixing family: " + family);
                },
                10,
                new PromptHarvester.Decoding(0.7, 2048, null),
                new PromptHarvester.Decoding(0.7, 1024, null));
    }

    /**
     * {@code attacksPerBlock} attack prompts from {@code attackPrompts} in every {@code blockSize}
     * requests; attack prompts sent with {@code attackDecoding}, the account's own with {@code
     * normalDecoding} (the same, for an attacker who copies its own settings).
     */
    public MixedTraffic(
            Family family,
            UserQueries normal,
            PromptPool attackPrompts,
            long budget,
            double meanDelayMillis,
            int attacksPerBlock,
            int blockSize,
            PromptHarvester.Decoding attackDecoding,
            PromptHarvester.Decoding normalDecoding) {
        super(family, budget, meanDelayMillis, 0);
        if (attacksPerBlock < 1 || attacksPerBlock > blockSize) {
            throw new IllegalArgumentException(
                    "attack prompts per block must be 1 to " + blockSize + ": " + attacksPerBlock);
        }
        this.normal = normal;
        this.attackPrompts = attackPrompts;
        this.attacksPerBlock = attacksPerBlock;
        this.block = new boolean[blockSize];
        this.position = blockSize;
        this.attackDecoding = attackDecoding;
        this.normalDecoding = normalDecoding;
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
        PromptHarvester.Decoding d = lastWasAttack ? attackDecoding : normalDecoding;
        String text = lastWasAttack ? attackPrompts.next() : normal.next(random);
        ObjectNode params =
                Requests.chat(request, text, d.temperature(), d.maxTokens(), false, random);
        if (d.topP() != null) {
            params.put("top_p", d.topP());
        }
    }

    /** A block with exactly {@code attacksPerBlock} attack places (Fisher-Yates). */
    private void newBlock(Random random) {
        for (int i = 0; i < block.length; i++) {
            block[i] = i < attacksPerBlock;
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
