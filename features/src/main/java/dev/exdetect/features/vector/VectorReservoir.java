package dev.exdetect.features.vector;

/**
 * PRADA's "growing set" of a client's earlier vector queries, bounded: the sketches of up to {@code
 * capacity} queries with their predicted-label hash, oldest replaced first.
 *
 * <p>As in PRADA (Juuti et al. 2019), a new query's minimum distance is taken to the earlier
 * queries with the same predicted label (to all when the label is unknown), and a query joins the
 * set only when that distance is above {@code mean - std} of the distances seen, so the set keeps
 * spread-out representatives rather than near-copies. {@code capacity * (16 * 4 + 4)} bytes plus
 * two ints. A Flink POJO.
 */
public class VectorReservoir {
    /** Sketches, {@link VectorSketcher#DIMENSIONS} floats each, in ring order. */
    public float[] sketches;

    /** Label hash per stored sketch (0: label unknown). */
    public int[] labels;

    /** Valid entries. */
    public int size;

    /** Slot the next entry goes into. */
    public int next;

    /** For Flink's POJO serializer. */
    public VectorReservoir() {}

    /** An empty reservoir of {@code capacity} entries. */
    public static VectorReservoir withCapacity(int capacity) {
        VectorReservoir r = new VectorReservoir();
        r.sketches = new float[capacity * VectorSketcher.DIMENSIONS];
        r.labels = new int[capacity];
        return r;
    }

    /**
     * Minimum distance from {@code sketch} to the stored sketches with label {@code label} (all
     * when {@code label} is 0); NaN when there is none to compare with.
     */
    public double minDistance(float[] sketch, int label) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            if (label == 0 || labels[i] == label) {
                best =
                        Math.min(
                                best,
                                VectorSketcher.distance(
                                        sketches, i * VectorSketcher.DIMENSIONS, sketch, 0));
            }
        }
        return best == Double.POSITIVE_INFINITY ? Double.NaN : best;
    }

    /** Stores {@code sketch} with {@code label}, replacing the oldest when full. */
    public void add(float[] sketch, int label) {
        System.arraycopy(
                sketch, 0, sketches, next * VectorSketcher.DIMENSIONS, VectorSketcher.DIMENSIONS);
        labels[next] = label;
        next = (next + 1) % labels.length;
        size = Math.min(size + 1, labels.length);
    }
}
