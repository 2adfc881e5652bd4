package dev.exdetect.simulation.victim;

import java.util.Arrays;

/**
 * Multinomial logistic regression (a softmax over linear scores), trained by full-batch gradient
 * descent with momentum on standardised inputs. Small and dependency-free: it is the victim model
 * of the simulated vector API and the attacker's surrogate, so the audit can measure how well an
 * attacker copies it.
 *
 * <p>Training is deterministic (zero initialisation, fixed step size, no sampling): the same rows
 * give the same model.
 */
public final class LogisticRegression {
    private static final double STEP = 0.5;
    private static final double MOMENTUM = 0.9;

    /** L2 penalty of surrogates: light, they should fit what they were told. */
    public static final double LIGHT_L2 = 1e-4;

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights; // [class][feature], applied to standardised inputs
    private final double[] bias;

    private LogisticRegression(double[] mean, double[] scale, double[][] weights, double[] bias) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * Fits a model to rows {@code x} and target distributions {@code targets} (one row per input,
     * summing to 1: one-hot for labels, or the probabilities an API returned).
     *
     * @param iterations gradient steps over the whole data set
     * @param l2 L2 penalty on the weights (of standardised inputs)
     */
    public static LogisticRegression fit(
            double[][] x, double[][] targets, int iterations, double l2) {
        if (x.length == 0 || x.length != targets.length) {
            throw new IllegalArgumentException(
                    "need as many target rows as input rows, and at least one");
        }
        int n = x.length;
        int d = x[0].length;
        int k = targets[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant feature carries no information; scale 1 keeps it harmless.
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1.0;
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        LogisticRegression m = new LogisticRegression(mean, scale, new double[k][d], new double[k]);
        m.descend(z, targets, iterations, l2);
        return m;
    }

    /** Fits a model to rows and class labels in {@code [0, classes)}. */
    public static LogisticRegression fitLabels(
            double[][] x, int[] labels, int classes, int iterations, double l2) {
        return fit(x, oneHot(labels, classes), iterations, l2);
    }

    /**
     * A model with the given raw-input parameters: class {@code c}'s score is {@code w[c]·x +
     * b[c]}. For parameters recovered by {@link EquationSolver}.
     */
    public static LogisticRegression ofParameters(double[][] w, double[] b) {
        double[] mean = new double[w[0].length];
        double[] scale = new double[w[0].length];
        java.util.Arrays.fill(scale, 1.0);
        double[][] copy = new double[w.length][];
        for (int c = 0; c < w.length; c++) {
            copy[c] = w[c].clone();
        }
        return new LogisticRegression(mean, scale, copy, b.clone());
    }

    private void descend(double[][] z, double[][] targets, int iterations, double l2) {
        int n = z.length;
        int k = bias.length;
        int d = mean.length;
        double[][] velocityW = new double[k][d];
        double[] velocityB = new double[k];
        double[][] gradW = new double[k][d];
        double[] gradB = new double[k];
        double[] p = new double[k];
        for (int it = 0; it < iterations; it++) {
            for (double[] g : gradW) {
                Arrays.fill(g, 0);
            }
            Arrays.fill(gradB, 0);
            for (int i = 0; i < n; i++) {
                softmaxStandardised(z[i], p);
                for (int c = 0; c < k; c++) {
                    double err = (p[c] - targets[i][c]) / n;
                    if (err == 0) {
                        continue;
                    }
                    gradB[c] += err;
                    double[] g = gradW[c];
                    double[] zi = z[i];
                    for (int j = 0; j < d; j++) {
                        g[j] += err * zi[j];
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    velocityW[c][j] =
                            MOMENTUM * velocityW[c][j] - STEP * (gradW[c][j] + l2 * weights[c][j]);
                    weights[c][j] += velocityW[c][j];
                }
                velocityB[c] = MOMENTUM * velocityB[c] - STEP * gradB[c];
                bias[c] += velocityB[c];
            }
        }
    }

    /** Number of input features. */
    public int features() {
        return mean.length;
    }

    /** Number of classes. */
    public int classes() {
        return bias.length;
    }

    /** Class probabilities for input {@code x}. */
    public double[] probabilities(double[] x) {
        double[] z = new double[mean.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (x[j] - mean[j]) / scale[j];
        }
        double[] p = new double[bias.length];
        softmaxStandardised(z, p);
        return p;
    }

    /** The most probable class for input {@code x} (the lowest index on a tie). */
    public int predict(double[] x) {
        return argMax(probabilities(x));
    }

    /**
     * The gradient of class {@code c}'s probability with respect to the raw input {@code x}: for a
     * softmax, {@code dp_c/dx = p_c (w_c - sum_k p_k w_k)}, divided by the input scale. Jacobian
     * augmentation steps along its sign.
     */
    public double[] probabilityGradient(double[] x, int c) {
        double[] p = probabilities(x);
        double[] g = new double[mean.length];
        for (int j = 0; j < g.length; j++) {
            double expected = 0;
            for (int k = 0; k < p.length; k++) {
                expected += p[k] * weights[k][j];
            }
            g[j] = p[c] * (weights[c][j] - expected) / scale[j];
        }
        return g;
    }

    /** Share of {@code rows} whose predicted class equals {@code labels}. */
    public double accuracy(double[][] rows, int[] labels) {
        int right = 0;
        for (int i = 0; i < rows.length; i++) {
            if (predict(rows[i]) == labels[i]) {
                right++;
            }
        }
        return rows.length == 0 ? Double.NaN : (double) right / rows.length;
    }

    private void softmaxStandardised(double[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < bias.length; c++) {
            double s = bias[c];
            double[] w = weights[c];
            for (int j = 0; j < z.length; j++) {
                s += w[j] * z[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < out.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < out.length; c++) {
            out[c] /= sum;
        }
    }

    /** The index of the largest value (the lowest index on a tie). */
    public static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** One-hot target rows for labels. */
    public static double[][] oneHot(int[] labels, int classes) {
        double[][] t = new double[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            t[i][labels[i]] = 1.0;
        }
        return t;
    }
}
