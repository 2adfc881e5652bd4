package dev.exdetect.simulation.victim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The numeric-vector prediction API of the simulation: a data set split into the rows the victim
 * model was trained on, rows the public may send (benign traffic, an attacker's few seed rows), and
 * held-out rows no simulated client ever sends (the audit measures a stolen copy's agreement with
 * the victim on them); the trained victim; and the documented feature box an attacker can sample.
 *
 * <p>The split and the victim depend only on the data, never on a simulation seed, so every
 * simulation attacks the same model.
 */
public final class VectorTask {
    /** How Knockoff-style attackers get "natural rows from another distribution". */
    private enum OtherSource {
        /**
         * 8x8 images shifted by one or two pixels and drawn with a lighter pen: handwriting, but
         * not positioned and inked as the victim's training data.
         */
        SHIFTED_IMAGES,
        /** A Gaussian mixture with other centres than the victim's training data. */
        OTHER_MIXTURE
    }

    private static final long SPLIT_SEED = 20261102L;
    private static final int TRAINING_ITERATIONS = 300;

    /**
     * The victim's L2 penalty: enough that its probabilities stay calibrated (a production model is
     * regularised) rather than saturating on separable training data.
     */
    static final double VICTIM_L2 = 1e-2;

    private final String name;
    private final String[] classNames;
    private final double[] min;
    private final double[] max;
    private final boolean integerValued;
    private final double[][] trainRows;
    private final double[][] publicRows;
    private final double[][] heldOutRows;
    private final int[] trainLabels;
    private final LogisticRegression victim;
    private final OtherSource otherSource;
    private final double[][] otherCentres;

    private VectorTask(
            String name,
            String[] classNames,
            double[][] rows,
            int[] labels,
            double[] min,
            double[] max,
            boolean integerValued,
            OtherSource otherSource) {
        this.name = name;
        this.classNames = classNames;
        this.min = min;
        this.max = max;
        this.integerValued = integerValued;
        this.otherSource = otherSource;
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(Arrays.asList(order), new Random(SPLIT_SEED));
        int nTrain = (int) (rows.length * 0.60);
        int nHeldOut = (int) (rows.length * 0.25);
        trainRows = new double[nTrain][];
        trainLabels = new int[nTrain];
        heldOutRows = new double[nHeldOut][];
        publicRows = new double[rows.length - nTrain - nHeldOut][];
        for (int i = 0; i < rows.length; i++) {
            int r = order[i];
            if (i < nTrain) {
                trainRows[i] = rows[r];
                trainLabels[i] = labels[r];
            } else if (i < nTrain + nHeldOut) {
                heldOutRows[i - nTrain] = rows[r];
            } else {
                publicRows[i - nTrain - nHeldOut] = rows[r];
            }
        }
        victim =
                LogisticRegression.fitLabels(
                        trainRows, trainLabels, classNames.length, TRAINING_ITERATIONS, VICTIM_L2);
        Random centres = new Random(SPLIT_SEED + 1);
        otherCentres = new double[classNames.length][min.length];
        for (double[] c : otherCentres) {
            for (int j = 0; j < c.length; j++) {
                c[j] = min[j] + (max[j] - min[j]) * centres.nextDouble();
            }
        }
    }

    /**
     * The task for the scikit-learn digits data (8x8 images, pixel values 0 to 16, 10 classes);
     * Knockoff attackers send shifted, lighter images.
     */
    public static VectorTask digits(double[][] rows, int[] labels) {
        int d = rows[0].length;
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(max, 16.0);
        String[] names = new String[10];
        for (int i = 0; i < names.length; i++) {
            names[i] = Integer.toString(i);
        }
        return new VectorTask(
                "digits", names, rows, labels, min, max, true, OtherSource.SHIFTED_IMAGES);
    }

    /**
     * The built-in task, for runs without a corpus: 1,800 rows of a 6-class Gaussian mixture in 20
     * dimensions with overlapping classes, features in [0, 10]; Knockoff attackers sample a mixture
     * with other centres.
     */
    public static VectorTask synthetic() {
        return synthetic(20, 6);
    }

    /**
     * A synthetic task like {@link #synthetic()} with {@code d} features and {@code k} classes (a
     * world's victim, e.g. the 30-feature linear model that equation solving determines from 31
     * answers). The same {@code d} and {@code k} give the same task.
     */
    public static VectorTask synthetic(int d, int k) {
        if (d < 2 || d > 4096 || k < 2 || k > 26) {
            throw new IllegalArgumentException(
                    "a synthetic victim needs 2 to 4096 features and 2 to 26 classes");
        }
        Random random = new Random(SPLIT_SEED - 1);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = 2 + 6 * random.nextDouble();
            }
        }
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(max, 10.0);
        List<double[]> rows = new ArrayList<>();
        int[] labels = new int[1800];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % k;
            double[] row = new double[d];
            for (int j = 0; j < d; j++) {
                row[j] =
                        clamp(
                                Math.rint(
                                                (centres[labels[i]][j]
                                                                + 2.5 * random.nextGaussian())
                                                        * 1000)
                                        / 1000,
                                0,
                                10);
            }
            rows.add(row);
        }
        String[] names = new String[k];
        for (int c = 0; c < k; c++) {
            names[c] = c < GREEK.length ? GREEK[c] : "class-" + c;
        }
        return new VectorTask(
                d == 20 && k == 6 ? "synthetic" : "synthetic" + d + "x" + k,
                names,
                rows.toArray(new double[0][]),
                labels,
                min,
                max,
                false,
                OtherSource.OTHER_MIXTURE);
    }

    private static final String[] GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta"};

    /**
     * A task for a tabular data set (iris, wine): its rows and class names; the documented feature
     * box is each feature's range in the data, and Knockoff attackers sample a mixture with other
     * centres in it.
     */
    public static VectorTask tabular(String name, double[][] rows, int[] labels, String[] classes) {
        int d = rows[0].length;
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], r[j]);
                max[j] = Math.max(max[j], r[j]);
            }
        }
        return new VectorTask(
                name, classes, rows, labels, min, max, false, OtherSource.OTHER_MIXTURE);
    }

    /** Data set name, e.g. {@code digits}. */
    public String name() {
        return name;
    }

    /** The model name written to the logs. */
    public String modelName() {
        return name + "-classifier-3";
    }

    /** Number of input features. */
    public int features() {
        return min.length;
    }

    /** Number of classes. */
    public int classes() {
        return classNames.length;
    }

    /** The name of class {@code c}, as the API returns it. */
    public String className(int c) {
        return classNames[c];
    }

    /** The class index of a name the API returned, or -1. */
    public int classIndex(String name) {
        for (int c = 0; c < classNames.length; c++) {
            if (classNames[c].equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /** Lower edge of the documented feature box. */
    public double min(int feature) {
        return min[feature];
    }

    /** Upper edge of the documented feature box. */
    public double max(int feature) {
        return max[feature];
    }

    /** The model behind the API. */
    public LogisticRegression victim() {
        return victim;
    }

    /** Rows no simulated client sends, for measuring a surrogate's fidelity. */
    public double[][] heldOutRows() {
        return heldOutRows;
    }

    /** Accuracy of the victim on its own training rows. */
    public double victimTrainingAccuracy() {
        return victim.accuracy(trainRows, trainLabels);
    }

    /** A real record, as benign clients send them: a training or public row. */
    public double[] realRow(Random random) {
        int i = random.nextInt(trainRows.length + publicRows.length);
        double[] row = i < trainRows.length ? trainRows[i] : publicRows[i - trainRows.length];
        return row.clone();
    }

    /** A public row, e.g. one of an attacker's few seed rows. */
    public double[] publicRow(Random random) {
        return publicRows[random.nextInt(publicRows.length)].clone();
    }

    /** A point drawn uniformly from the feature box (at the features' precision). */
    public double[] uniformRow(Random random) {
        double[] x = new double[min.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = min[j] + (max[j] - min[j]) * random.nextDouble();
        }
        return clip(x);
    }

    /** A natural row from another distribution than the victim's training data. */
    public double[] otherDistributionRow(Random random) {
        double[] x = new double[min.length];
        if (otherSource == OtherSource.SHIFTED_IMAGES) {
            double[] image = publicRow(random);
            int side = (int) Math.round(Math.sqrt(x.length));
            int dx;
            int dy;
            do {
                dx = random.nextInt(5) - 2;
                dy = random.nextInt(5) - 2;
            } while (dx == 0 && dy == 0);
            double ink = 0.6 + 0.3 * random.nextDouble();
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int sr = r - dy;
                    int sc = c - dx;
                    if (sr >= 0 && sr < side && sc >= 0 && sc < side) {
                        x[r * side + c] = ink * image[sr * side + sc];
                    }
                }
            }
            return clip(x);
        }
        double[] centre = otherCentres[random.nextInt(otherCentres.length)];
        for (int j = 0; j < x.length; j++) {
            // A quarter of the feature's range: 2.5 on the synthetic tasks' [0, 10].
            x[j] = centre[j] + 0.25 * (max[j] - min[j]) * random.nextGaussian();
        }
        return clip(x);
    }

    /**
     * {@code x} clipped to the feature box and rounded to the features' precision (whole numbers
     * for pixel intensities, 3 decimals otherwise), in place.
     */
    public double[] clip(double[] x) {
        for (int j = 0; j < x.length; j++) {
            double v = integerValued ? Math.rint(x[j]) : Math.rint(x[j] * 1000) / 1000;
            x[j] = clamp(v, min[j], max[j]);
        }
        return x;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
