package dev.exdetect.features.vector;

import dev.exdetect.features.hash.Hashing;

/**
 * Reduces a numeric input vector to what the per-client state can afford: a {@value #DIMENSIONS}
 * value sketch that preserves Euclidean distances, and a query-space cell id.
 *
 * <p>Sketch: a vector of at most {@value #DIMENSIONS} values is kept as is (zero-padded), so
 * distances are exact; a longer one is projected with a random ±1 matrix scaled by {@code
 * 1/sqrt(16)} (Achlioptas 2003), which preserves squared distances in expectation
 * (Johnson-Lindenstrauss) with a relative error of about {@code sqrt(2/16)}, 35%, per distance.
 *
 * <p>Cell: E2LSH (Datar et al. 2004): {@value #CELL_PROJECTIONS} Gaussian random projections of the
 * sketch, each cut into buckets of width {@code cellWidth} with a random offset; the cell is the
 * hash of the bucket numbers, so nearby inputs share a cell and the number of distinct cells a
 * client visits measures how much of the input space it covers.
 *
 * <p>All randomness comes from fixed seeds: the same vector always gives the same sketch and cell.
 * Thread-safe.
 */
public final class VectorSketcher {
    /** Sketch length. */
    public static final int DIMENSIONS = 16;

    /** Random projections per cell id. */
    public static final int CELL_PROJECTIONS = 3;

    /** Input dimensions with precomputed projection signs; beyond this they are hashed. */
    private static final int SIGN_TABLE = 4096;

    private static final short[] SIGNS = new short[SIGN_TABLE];
    private static final double[][] CELL_DIRECTIONS = new double[CELL_PROJECTIONS][DIMENSIONS];
    private static final double[] CELL_OFFSETS = new double[CELL_PROJECTIONS];

    static {
        for (int d = 0; d < SIGN_TABLE; d++) {
            SIGNS[d] = signsOf(d);
        }
        long s = 0x5DEECE66DL;
        for (int p = 0; p < CELL_PROJECTIONS; p++) {
            for (int d = 0; d < DIMENSIONS; d += 2) {
                // Box-Muller on our own hash stream: deterministic on every JVM.
                s = Hashing.mix64(s + 0x9E3779B97F4A7C15L);
                double u1 = ((s >>> 11) + 1.0) / (1L << 53);
                double u2 = (Hashing.mix64(s) >>> 11) / (double) (1L << 53);
                double r = Math.sqrt(-2 * Math.log(u1));
                CELL_DIRECTIONS[p][d] = r * Math.cos(2 * Math.PI * u2);
                CELL_DIRECTIONS[p][d + 1] = r * Math.sin(2 * Math.PI * u2);
            }
            s = Hashing.mix64(s + 1);
            CELL_OFFSETS[p] = (s >>> 11) / (double) (1L << 53);
        }
    }

    private VectorSketcher() {}

    private static short signsOf(int dimension) {
        return (short) Hashing.mix64(0xA076_1D64_78BD_642FL + dimension);
    }

    /** The distance-preserving sketch of {@code vector}. */
    public static float[] sketch(double[] vector) {
        float[] out = new float[DIMENSIONS];
        if (vector.length <= DIMENSIONS) {
            for (int i = 0; i < vector.length; i++) {
                out[i] = (float) vector[i];
            }
            return out;
        }
        double[] acc = new double[DIMENSIONS];
        for (int d = 0; d < vector.length; d++) {
            int signs = d < SIGN_TABLE ? SIGNS[d] : signsOf(d);
            double x = vector[d];
            for (int r = 0; r < DIMENSIONS; r++) {
                acc[r] += ((signs >>> r) & 1) == 0 ? x : -x;
            }
        }
        double scale = 1 / Math.sqrt(DIMENSIONS);
        for (int r = 0; r < DIMENSIONS; r++) {
            out[r] = (float) (acc[r] * scale);
        }
        return out;
    }

    /** The E2LSH cell of a sketch, for buckets {@code cellWidth} wide (in input units). */
    public static long cell(float[] sketch, double cellWidth) {
        long h = 0x1234_5678_9ABC_DEF1L;
        for (int p = 0; p < CELL_PROJECTIONS; p++) {
            double dot = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                dot += CELL_DIRECTIONS[p][d] * sketch[d];
            }
            long bucket = (long) Math.floor(dot / cellWidth + CELL_OFFSETS[p]);
            h = Hashing.combine(h, bucket);
        }
        return h;
    }

    /** Euclidean distance between two sketches stored at offsets of flat arrays. */
    public static double distance(float[] a, int aOffset, float[] b, int bOffset) {
        double sum = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            double diff = a[aOffset + d] - b[bOffset + d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
