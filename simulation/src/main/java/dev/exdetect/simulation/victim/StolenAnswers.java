package dev.exdetect.simulation.victim;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What an attacker of the vector API has collected: inputs and the answers it got, either the full
 * probability vector or only the top label (a degraded answer). It builds the attacker's copy of
 * the model the way its attack does: by training a model of the victim's class on the answers (soft
 * targets where it has probabilities, one-hot where it has labels), or by equation solving on the
 * answers that carry probabilities.
 */
public final class StolenAnswers {
    /** Gradient steps of surrogate training. */
    public static final int SURROGATE_ITERATIONS = 300;

    /** How the attacker turns answers into a model. */
    public enum Method {
        /** Train on all answers (distillation-style: Knockoff, Jacobian augmentation). */
        TRAIN,
        /** Solve for the parameters from the answers with probabilities (equation solving). */
        SOLVE
    }

    private final int classes;
    private final List<double[]> inputs = new ArrayList<>();
    private final List<double[]> targets = new ArrayList<>();
    private final List<double[]> probabilityInputs = new ArrayList<>();
    private final List<double[]> probabilities = new ArrayList<>();

    /** An empty collection for a model with {@code classes} classes. */
    public StolenAnswers(int classes) {
        this.classes = classes;
    }

    /** Records an answer that carried the class probabilities. */
    public void addProbabilities(double[] input, double[] p) {
        if (p.length != classes) {
            throw new IllegalArgumentException(
                    "expected " + classes + " probabilities, got " + p.length);
        }
        inputs.add(input);
        targets.add(p.clone());
        probabilityInputs.add(input);
        probabilities.add(p.clone());
    }

    /** Records an answer that carried only the top label. */
    public void addLabel(double[] input, int label) {
        double[] t = new double[classes];
        t[label] = 1.0;
        inputs.add(input);
        targets.add(t);
    }

    /** Answers collected. */
    public int size() {
        return inputs.size();
    }

    /** Answers that carried probabilities. */
    public int withProbabilities() {
        return probabilities.size();
    }

    /** The attacker's model, or null when it has nothing to build it from. */
    public LogisticRegression surrogate(Method method) {
        if (method == Method.SOLVE) {
            return probabilities.isEmpty()
                    ? null
                    : EquationSolver.solve(probabilityInputs, probabilities, classes);
        }
        if (inputs.isEmpty()) {
            return null;
        }
        return LogisticRegression.fit(
                inputs.toArray(new double[0][]),
                targets.toArray(new double[0][]),
                SURROGATE_ITERATIONS,
                LogisticRegression.LIGHT_L2);
    }

    /**
     * Fidelity of the attacker's model on the task's held-out rows; empty when it has nothing to
     * build the model from.
     */
    public OptionalDouble fidelity(VectorTask task, Method method) {
        LogisticRegression s = surrogate(method);
        return s == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(Fidelity.agreement(s, task.victim(), task.heldOutRows()));
    }
}
