package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.victim.LogisticRegression;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Label-only extraction by locating the decision boundary (Lowd and Meek 2005; the line searches of
 * Tramèr et al. 2016 for label-only APIs): label a few public seed rows, then, for one pair of rows
 * the API put in different classes after another, bisect the segment between them {@code steps}
 * times, each query keeping the half whose ends still disagree. Every query asks for the top label
 * only; the points cluster near the boundary and off the data manifold.
 */
public final class BoundarySearch extends BudgetedAttack {
    private final VectorTask task;
    private final int seeds;
    private final int steps;
    private final List<double[]> known = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private double[] lo;
    private double[] hi;
    private int loLabel;
    private int stepsLeft;

    /** An attacker labelling {@code seeds} public rows, then bisecting {@code steps} per pair. */
    public BoundarySearch(
            VectorTask task, int seeds, int steps, long budget, double meanDelayMillis) {
        super(Family.BOUNDARY_SEARCH, budget, meanDelayMillis, 0.4);
        if (seeds < 2 || steps < 1) {
            throw new IllegalArgumentException("boundary search needs 2 seeds and 1 step");
        }
        this.task = task;
        this.seeds = seeds;
        this.steps = steps;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        double[] x = nextPoint(random);
        double[] p = Requests.classify(request, task, x, false, random);
        int label = LogisticRegression.argMax(p);
        if (known.size() < seeds) {
            known.add(x);
            labels.add(label);
        } else if (stepsLeft > 0) {
            // Keep the half of the segment whose ends still disagree.
            if (label == loLabel) {
                lo = x;
            } else {
                hi = x;
            }
            stepsLeft--;
        }
    }

    private double[] nextPoint(Random random) {
        if (known.size() < seeds) {
            return task.publicRow(random);
        }
        if (stepsLeft == 0) {
            pickPair(random);
        }
        double[] mid = new double[lo.length];
        for (int j = 0; j < mid.length; j++) {
            mid[j] = (lo[j] + hi[j]) / 2;
        }
        return task.clip(mid);
    }

    /** Two known rows of different classes (any two if every seed got one class). */
    private void pickPair(Random random) {
        int a = random.nextInt(known.size());
        int b = random.nextInt(known.size());
        for (int tries = 0; tries < 50 && labels.get(a).equals(labels.get(b)); tries++) {
            b = random.nextInt(known.size());
        }
        lo = known.get(a).clone();
        hi = known.get(b).clone();
        loLabel = labels.get(a);
        stepsLeft = steps;
    }
}
