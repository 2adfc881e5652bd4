package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.Random;

/**
 * The vector attacks that choose each query independently and ask for the full probability vector:
 * equation solving (Tramèr et al. 2016: points drawn uniformly from the feature box, enough of them
 * to solve for a linear model's parameters) and Knockoff-style queries (Orekondy et al. 2019:
 * natural rows from another distribution than the victim's).
 */
public final class VectorQueries extends BudgetedAttack {
    private final VectorTask task;

    /** An attack of family {@link Family#EQUATION_SOLVING} or {@link Family#KNOCKOFF}. */
    public VectorQueries(Family family, VectorTask task, long budget, double meanDelayMillis) {
        super(family, budget, meanDelayMillis, 0.5);
        if (family != Family.EQUATION_SOLVING && family != Family.KNOCKOFF) {
            throw new IllegalArgumentException("not an independent-query vector attack: " + family);
        }
        this.task = task;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        double[] x =
                familyEnum() == Family.EQUATION_SOLVING
                        ? task.uniformRow(random)
                        : task.otherDistributionRow(random);
        Requests.classify(request, task, x, true, random);
    }
}
