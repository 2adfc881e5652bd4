package dev.exdetect.samples.simulator.attack;

import dev.exdetect.samples.simulator.Family;
import dev.exdetect.samples.simulator.SimProfile;
import dev.exdetect.samples.simulator.Timing;
import java.util.Random;

/**
 * An attack with a query budget, sending at a scripted pace: pauses vary uniformly by {@code
 * spread} around their mean.
 */
abstract class BudgetedAttack extends SimProfile {
    private final long budget;
    private final double meanDelayMillis;
    private final double spread;

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

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        return Timing.jittered(random, meanDelayMillis, spread);
    }

    /** The mean pause between requests. */
    final double meanDelayMillis() {
        return meanDelayMillis;
    }
}
