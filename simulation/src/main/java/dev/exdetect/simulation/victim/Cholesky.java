package dev.exdetect.simulation.victim;

/** Solves a symmetric positive-definite linear system by Cholesky decomposition. */
final class Cholesky {
    private Cholesky() {}

    /** The x with {@code a x = b}; {@code a} is overwritten by its Cholesky factor. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double[] rj = a[j];
            double s = rj[j];
            for (int k = 0; k < j; k++) {
                s -= rj[k] * rj[k];
            }
            if (s <= 0) {
                throw new IllegalArgumentException("matrix is not positive definite");
            }
            double d = Math.sqrt(s);
            rj[j] = d;
            for (int i = j + 1; i < n; i++) {
                double[] ri = a[i];
                double t = ri[j];
                for (int k = 0; k < j; k++) {
                    t -= ri[k] * rj[k];
                }
                ri[j] = t / d;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double t = b[i];
            for (int k = 0; k < i; k++) {
                t -= a[i][k] * y[k];
            }
            y[i] = t / a[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double t = y[i];
            for (int k = i + 1; k < n; k++) {
                t -= a[k][i] * x[k];
            }
            x[i] = t / a[i][i];
        }
        return x;
    }
}
