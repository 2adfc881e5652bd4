package dev.exdetect.simulation.victim;

import java.util.List;

/**
 * Equation solving against a multinomial logistic regression (Tramèr et al., USENIX Security 2016):
 * an answer with probabilities {@code p} for input {@code x} gives, for each class {@code k} whose
 * probability is large enough to be read precisely, the linear equation {@code (w_k - w_r)·x + (b_k
 * - b_r) = log p_k - log p_r} in the model's parameters ({@code r}: the answer's top class). With
 * about {@code d + 1} answers the parameters are determined; least squares over all equations
 * recovers them. The last class's parameters are fixed at 0, since a softmax does not change when
 * every score shifts alike.
 */
public final class EquationSolver {
    /**
     * Probabilities below this are not used: their logarithms are too imprecise (the simulated API
     * prints six significant digits, so anything representable is precise enough).
     */
    public static final double MIN_PROBABILITY = Double.MIN_NORMAL;

    private EquationSolver() {}

    /** The model whose parameters best explain the answers {@code probabilities} to {@code x}. */
    public static LogisticRegression solve(
            List<double[]> x, List<double[]> probabilities, int classes) {
        if (x.isEmpty()) {
            throw new IllegalArgumentException("equation solving needs at least one answer");
        }
        int d1 = x.get(0).length + 1;
        int m = (classes - 1) * d1;
        double[][] normal = new double[m][m];
        double[] rhs = new double[m];
        double[] v = new double[d1];
        int last = classes - 1;
        for (int i = 0; i < x.size(); i++) {
            double[] p = probabilities.get(i);
            System.arraycopy(x.get(i), 0, v, 0, d1 - 1);
            v[d1 - 1] = 1;
            int r = LogisticRegression.argMax(p);
            for (int k = 0; k < classes; k++) {
                if (k == r || p[k] < MIN_PROBABILITY) {
                    continue;
                }
                double y = Math.log(p[k]) - Math.log(p[r]);
                // The equation's coefficients are +v on class k's block and -v on class r's.
                addBlock(normal, v, k, k, 1, last, d1);
                addBlock(normal, v, r, r, 1, last, d1);
                addBlock(normal, v, k, r, -1, last, d1);
                addBlock(normal, v, r, k, -1, last, d1);
                addRhs(rhs, v, y, k, last, d1);
                addRhs(rhs, v, -y, r, last, d1);
            }
        }
        double trace = 0;
        for (int i = 0; i < m; i++) {
            trace += normal[i][i];
        }
        // A tiny ridge keeps the system solvable when the answers do not determine everything.
        double ridge = 1e-9 * Math.max(trace / m, 1.0);
        for (int i = 0; i < m; i++) {
            normal[i][i] += ridge;
        }
        double[] theta = Cholesky.solve(normal, rhs);
        double[][] w = new double[classes][d1 - 1];
        double[] b = new double[classes];
        for (int k = 0; k < classes - 1; k++) {
            System.arraycopy(theta, k * d1, w[k], 0, d1 - 1);
            b[k] = theta[k * d1 + d1 - 1];
        }
        return LogisticRegression.ofParameters(w, b);
    }

    /** Adds {@code sign * v v^T} to block (a, b) of the normal matrix; the last class has none. */
    private static void addBlock(
            double[][] normal, double[] v, int a, int b, double sign, int last, int d1) {
        if (a == last || b == last) {
            return;
        }
        for (int i = 0; i < d1; i++) {
            if (v[i] == 0) {
                continue;
            }
            double s = sign * v[i];
            double[] row = normal[a * d1 + i];
            for (int j = 0; j < d1; j++) {
                row[b * d1 + j] += s * v[j];
            }
        }
    }

    /** Adds {@code y v} to block {@code a} of the right-hand side. */
    private static void addRhs(double[] rhs, double[] v, double y, int a, int last, int d1) {
        if (a == last) {
            return;
        }
        for (int i = 0; i < d1; i++) {
            rhs[a * d1 + i] += y * v[i];
        }
    }
}
