package dev.exdetect.simulation.attack;

import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.SimProfile;
import dev.exdetect.simulation.profile.Timing;
import java.util.Random;

/**
 * An attack with a query budget, sending at a scripted pace: pauses vary uniformly by {@code
 * spread} around their mean. With another {@link AttackTiming} ({@link #timing}) the pauses keep
 * their mean but follow that mode instead; a world's attacker gets its own {@link Pacing} ({@link
 * #pacing}), such as a person's sessions.
 */
public abstract class BudgetedAttack extends SimProfile {
    private final long budget;
    private final double meanDelayMillis;
    private final double spread;
    private AttackTiming timing = AttackTiming.SCRIPTED;
    private AttackTiming.Pauses pauses;
    private Pacing pacing;

    BudgetedAttack(Family family, long budget, double meanDelayMillis, double spread) {
        super(family);
        this.budget = budget;
        this.meanDelayMillis = meanDelayMillis;
        this.spread = spread;
    }

    @Override
    public final long budget() {
        return budget;
    }

    /**
     * Sends with {@code mode} timing from now on (set before the simulation starts). {@link
     * AttackTiming#SCRIPTED} keeps the family's own pauses.
     */
    public final BudgetedAttack timing(AttackTiming mode) {
        this.timing = mode;
        this.pauses = mode == AttackTiming.SCRIPTED ? null : mode.pauses();
        return this;
    }

    /** Sends at {@code pacing} from now on, whatever the timing mode (set before the start). */
    public final BudgetedAttack pacing(Pacing pacing) {
        this.pacing = pacing;
        return this;
    }

    /** The timing mode. */
    public final AttackTiming timing() {
        return timing;
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (pacing != null) {
            return pacing.next(nowMillis, random);
        }
        return pauses != null
                ? pauses.next(random, meanDelayMillis)
                : scriptedDelayMillis(nowMillis, random);
    }

    /** The family's own pause ({@link AttackTiming#SCRIPTED}): a jittered timer by default. */
    protected long scriptedDelayMillis(long nowMillis, Random random) {
        return Timing.jittered(random, meanDelayMillis, spread);
    }

    /** The mean pause between requests. */
    final double meanDelayMillis() {
        return meanDelayMillis;
    }
}
