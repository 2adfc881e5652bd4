package dev.exdetect.job.bench.baseline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Shapiro-Wilk W statistic of normality, with Royston's (1995, algorithm AS R94) approximation
 * of the coefficients, valid for 6 to 5,000 values. W is near 1 for normal samples and lower the
 * further a sample is from normal. Coefficients are cached per sample size.
 */
public final class ShapiroWilk {
    /** Largest sample the approximation is valid for. */
    public static final int MAX_N = 5000;

    /** Smallest sample this implementation accepts. */
    public static final int MIN_N = 6;

    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    private static final Map<Integer, double[]> COEFFICIENTS = new HashMap<>();

    private ShapiroWilk() {}

    /**
     * W of {@code values} (not modified); NaN when they are all equal (W is undefined).
     *
     * @throws IllegalArgumentException for fewer than 6 or more than 5,000 values
     */
    public static double w(double[] values) {
        int n = values.length;
        if (n < MIN_N || n > MAX_N) {
            throw new IllegalArgumentException(
                    "Shapiro-Wilk needs " + MIN_N + " to " + MAX_N + " values, got " + n);
        }
        double[] x = values.clone();
        Arrays.sort(x);
        if (x[0] == x[n - 1]) {
            return Double.NaN;
        }
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double[] a = coefficients(n);
        double b = 0;
        for (int i = 0; i < n; i++) {
            b += a[i] * x[i];
        }
        return Math.min(1.0, b * b / ss);
    }

    /** The coefficients a_1..a_n (antisymmetric), computed once per n. */
    static synchronized double[] coefficients(int n) {
        return COEFFICIENTS.computeIfAbsent(n, ShapiroWilk::royston);
    }

    private static double[] royston(int n) {
        double[] m = new double[n];
        double mm = 0;
        for (int i = 0; i < n; i++) {
            m[i] = NORMAL.inverseCumulativeProbability((i + 1 - 0.375) / (n + 0.25));
            mm += m[i] * m[i];
        }
        double u = 1 / Math.sqrt(n);
        double cn = m[n - 1] / Math.sqrt(mm);
        double cn1 = m[n - 2] / Math.sqrt(mm);
        double an = cn + poly(u, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056);
        double an1 = cn1 + poly(u, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633);
        double phi =
                (mm - 2 * m[n - 1] * m[n - 1] - 2 * m[n - 2] * m[n - 2])
                        / (1 - 2 * an * an - 2 * an1 * an1);
        double[] a = new double[n];
        for (int i = 2; i < n - 2; i++) {
            a[i] = m[i] / Math.sqrt(phi);
        }
        a[n - 1] = an;
        a[n - 2] = an1;
        a[0] = -an;
        a[1] = -an1;
        return a;
    }

    /** {@code c1 u + c2 u^2 + ... + c5 u^5}. */
    private static double poly(double u, double c1, double c2, double c3, double c4, double c5) {
        return u * (c1 + u * (c2 + u * (c3 + u * (c4 + u * c5))));
    }
}
