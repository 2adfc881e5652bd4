package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import dev.exdetect.simulation.profile.Timing;
import dev.exdetect.simulation.victim.LogisticRegression;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Jacobian-based data augmentation (Papernot et al. 2017): start from a few real seed rows, label
 * them through the API (labels only), train a local substitute, then step every known row along the
 * sign of the substitute's gradient for the label it got, and query the new rows; round after
 * round, the set doubles. The step direction reverses every third round, as in the paper's periodic
 * step size.
 *
 * <p>The simulation is open loop: the attacker trains on the answers it was sent, whatever a
 * defence would have done to them (the audit accounts for the defence afterwards).
 */
public final class JacobianAugmentation extends BudgetedAttack {
    /** Step size, as a share of each feature's range. */
    static final double STEP = 0.1;

    private static final int SUBSTITUTE_ITERATIONS = 100;

    private final VectorTask task;
    private final Deque<double[]> toQuery = new ArrayDeque<>();
    private final List<double[]> known = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private int round;
    private boolean roundDone;

    /** An attacker starting from 10-30 public seed rows. */
    public JacobianAugmentation(
            VectorTask task, Random setup, long budget, double meanDelayMillis) {
        super(Family.JACOBIAN_AUGMENTATION, budget, meanDelayMillis, 0.5);
        this.task = task;
        int seeds = 10 + setup.nextInt(21);
        for (int i = 0; i < seeds; i++) {
            toQuery.add(task.publicRow(setup));
        }
    }

    @Override
    public long nextDelayMillis(long nowMillis, Random random) {
        if (roundDone) {
            // Training the substitute between rounds (whatever the timing mode: the attack's work).
            roundDone = false;
            return Timing.uniform(random, 20_000, 90_000);
        }
        return super.nextDelayMillis(nowMillis, random);
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        double[] x = toQuery.poll();
        double[] p = Requests.classify(request, task, x, false, random);
        known.add(x);
        labels.add(LogisticRegression.argMax(p));
        if (toQuery.isEmpty()) {
            augment();
            roundDone = true;
        }
    }

    /** Trains the substitute on every labelled row and queues one stepped copy of each. */
    private void augment() {
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        LogisticRegression substitute =
                LogisticRegression.fitLabels(
                        known.toArray(new double[0][]),
                        y,
                        task.classes(),
                        SUBSTITUTE_ITERATIONS,
                        LogisticRegression.LIGHT_L2);
        double direction = round % 3 == 2 ? -1 : 1;
        for (int i = 0; i < known.size(); i++) {
            double[] x = known.get(i);
            double[] g = substitute.probabilityGradient(x, y[i]);
            double[] next = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                double range = task.max(j) - task.min(j);
                next[j] = x[j] + direction * STEP * range * Math.signum(g[j]);
            }
            toQuery.add(task.clip(next));
        }
        round++;
    }
}
