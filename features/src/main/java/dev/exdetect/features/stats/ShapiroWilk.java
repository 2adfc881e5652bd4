package dev.exdetect.features.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Shapiro-Wilk test of normality: the W statistic and its p-value, by Royston's algorithm (AS
 * R94, Applied Statistics 44, 1995), the one R's {@code shapiro.test} and SciPy use, so values can
 * be checked against theirs. W is in (0, 1]; it is near 1 for normally distributed samples and
 * lower the further the sample is from normal.
 *
 * <p>PRADA (Juuti et al. 2019) flags a client when W of its queries' minimum distances drops below
 * a threshold: natural queries give roughly normal distances, synthetic ones do not.
 *
 * <p>The coefficients depend only on n; those for n up to {@value #CACHED} are computed once, so a
 * test on a 64-value window costs a sort and two passes. Thread-safe.
 */
public final class ShapiroWilk {
    /** Sample sizes whose coefficients are cached. */
    public static final int CACHED = 128;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
    private static final double[] C1 = {0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056};
    private static final double[] C2 = {0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633};
    private static final double[] C3 = {0.5440, -0.39978, 0.025054, -6.714e-4};
    private static final double[] C4 = {1.3822, -0.77857, 0.062767, -0.0020322};
    private static final double[] C5 = {-1.5861, -0.31082, -0.083751, 0.0038915};
    private static final double[] C6 = {-0.4803, -0.082676, 0.0030302};
    private static final double[] G = {-2.273, 0.459};

    private static final double[][] COEFFICIENTS = new double[CACHED + 1][];

    static {
        for (int n = 3; n <= CACHED; n++) {
            COEFFICIENTS[n] = computeCoefficients(n);
        }
    }

    private ShapiroWilk() {}

    /** The result of a test. */
    public record Result(double w, double pValue) {}

    /**
     * Tests {@code sample} (3 to 5000 values, not all equal; not modified). Returns W = NaN when
     * all values are equal (the statistic is undefined).
     */
    public static Result test(double[] sample) {
        int n = sample.length;
        if (n < 3 || n > 5000) {
            throw new IllegalArgumentException("Shapiro-Wilk needs 3 to 5000 values, got " + n);
        }
        double[] x = Arrays.copyOf(sample, n);
        Arrays.sort(x);
        double w = statistic(x);
        return new Result(w, Double.isNaN(w) ? Double.NaN : pValue(w, n));
    }

    /** W of a sorted sample (ascending); NaN when all values are equal. */
    public static double statistic(double[] sorted) {
        int n = sorted.length;
        if (sorted[n - 1] - sorted[0] <= 0) {
            return Double.NaN;
        }
        double[] a = coefficients(n);
        double mean = 0;
        for (double v : sorted) {
            mean += v;
        }
        mean /= n;
        double ss = 0;
        for (double v : sorted) {
            ss += (v - mean) * (v - mean);
        }
        double b = 0;
        for (int i = 0; i < n / 2; i++) {
            b += a[i] * (sorted[n - 1 - i] - sorted[i]);
        }
        return Math.min(1.0, b * b / ss);
    }

    /** The coefficients a_1..a_{n/2} (the antisymmetric half, largest first); unit norm overall. */
    public static double[] coefficients(int n) {
        return n <= CACHED ? COEFFICIENTS[n] : computeCoefficients(n);
    }

    private static double[] computeCoefficients(int n) {
        int half = n / 2;
        double[] a = new double[half];
        if (n == 3) {
            a[0] = Math.sqrt(0.5);
            return a;
        }
        double[] m = new double[half];
        double summ2 = 0;
        for (int i = 0; i < half; i++) {
            m[i] = STANDARD_NORMAL.inverseCumulativeProbability((i + 1 - 0.375) / (n + 0.25));
            summ2 += m[i] * m[i];
        }
        summ2 *= 2;
        double ssumm2 = Math.sqrt(summ2);
        double rsn = 1 / Math.sqrt(n);
        double a1 = poly(C1, rsn) - m[0] / ssumm2;
        int first;
        double fac;
        if (n > 5) {
            first = 2;
            double a2 = -m[1] / ssumm2 + poly(C2, rsn);
            fac =
                    Math.sqrt(
                            (summ2 - 2 * m[0] * m[0] - 2 * m[1] * m[1])
                                    / (1 - 2 * a1 * a1 - 2 * a2 * a2));
            a[1] = a2;
        } else {
            first = 1;
            fac = Math.sqrt((summ2 - 2 * m[0] * m[0]) / (1 - 2 * a1 * a1));
        }
        a[0] = a1;
        for (int i = first; i < half; i++) {
            a[i] = -m[i] / fac;
        }
        return a;
    }

    /** Royston's approximation of the p-value of W for a sample of n. */
    static double pValue(double w, int n) {
        if (n == 3) {
            double p = 6 / Math.PI * (Math.asin(Math.sqrt(w)) - Math.PI / 3);
            return Math.max(0, p);
        }
        double y = Math.log(1 - w);
        double mean;
        double sd;
        if (n <= 11) {
            double gamma = poly(G, n);
            if (y >= gamma) {
                return 1e-99;
            }
            y = -Math.log(gamma - y);
            mean = poly(C3, n);
            sd = Math.exp(poly(C4, n));
        } else {
            double logN = Math.log(n);
            mean = poly(C5, logN);
            sd = Math.exp(poly(C6, logN));
        }
        return 1 - STANDARD_NORMAL.cumulativeProbability((y - mean) / sd);
    }

    /** c[0] + c[1] x + c[2] x^2 + ... */
    private static double poly(double[] c, double x) {
        double result = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            result = result * x + c[i];
        }
        return result;
    }
}
