package dev.exdetect.evaluation.defences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * A distribution test on each client's text, in the style of the MMD detector of arXiv 2606.05725
 * ("An Embarrassingly Simple Detector for Model Extraction Attacks in LLM API Traffic"): the last
 * {@code window} queries of a client ({@link QueryEmbedding}) are compared with a benign reference
 * by the unbiased squared maximum mean discrepancy under an RBF kernel (bandwidth by the median
 * heuristic); the client's score is that MMD², computed at every query once its window is full, and
 * a score above the threshold flags it. The reference and threshold come from benign-vs-benign
 * comparisons on the calibration world ({@link MmdCalibration}).
 *
 * <p>Text only: clients of the vector API are never scored. Each query's mean kernel value against
 * the reference is computed once, and the window's own kernel sums are kept up to date as queries
 * enter and leave, so a query costs one pass over the reference and one over the window.
 */
public final class MmdDefence implements Defence {
    private final MmdReference ref;
    private final Window[] windows;
    private final FirstCrossing[] scores;
    private final QueryEmbedding embedding = new QueryEmbedding();

    /** The baseline against {@code ref} for {@code clients} clients. */
    public MmdDefence(MmdReference ref, int clients) {
        this.ref = ref;
        this.windows = new Window[clients];
        this.scores = new FirstCrossing[clients];
        for (int i = 0; i < clients; i++) {
            scores[i] = new FirstCrossing(true);
        }
    }

    @Override
    public String name() {
        return "mmd";
    }

    @Override
    public String describe(double threshold) {
        return String.format(
                Locale.ROOT,
                "MMD² of the last %d queries to the benign reference above %.5f",
                ref.window(),
                threshold);
    }

    @Override
    public void observe(int client, long seq, long timestampMillis, ObjectNode request) {
        JsonNode input = request.path("input");
        if (!input.has("text") || input.has("features")) {
            return;
        }
        observeText(client, seq, input.path("text").asText(""));
    }

    /** Observes the text of request {@code seq} of {@code client} (chat requests only). */
    public void observeText(int client, long seq, String text) {
        Window w = windows[client];
        if (w == null) {
            w = windows[client] = new Window(ref.window());
        }
        double mmd2 = w.add(embedding.of(text), ref);
        if (!Double.isNaN(mmd2)) {
            scores[client].offer(seq, mmd2);
        }
    }

    @Override
    public FirstCrossing score(int client) {
        return scores[client];
    }

    /** The mean kernel value of {@code x} against the reference points. */
    static double meanKernel(QueryEmbedding.Vector x, MmdReference ref) {
        double xx = x.squaredNorm();
        double sum = 0;
        List<float[]> ys = ref.reference();
        for (float[] y : ys) {
            // Reference points are unit vectors (MmdCalibration leaves out empty texts).
            sum += Math.exp(-ref.gamma() * Math.max(0, xx + 1 - 2 * x.dot(y)));
        }
        return sum / ys.size();
    }

    /** One client's last queries, their kernel values among themselves and to the reference. */
    static final class Window {
        private final QueryEmbedding.Vector[] items;
        private final double[] toReference;
        private final double[][] kernel;
        private int size;
        private int next;
        private double pairSum;
        private double referenceSum;

        Window(int capacity) {
            items = new QueryEmbedding.Vector[capacity];
            toReference = new double[capacity];
            kernel = new double[capacity][capacity];
        }

        /** Adds {@code x}; the window's MMD² once it is full, else NaN. */
        double add(QueryEmbedding.Vector x, MmdReference ref) {
            int slot = next;
            if (size == items.length) {
                for (int i = 0; i < size; i++) {
                    if (i != slot) {
                        pairSum -= kernel[slot][i];
                    }
                }
                referenceSum -= toReference[slot];
            } else {
                size++;
            }
            double xx = x.squaredNorm();
            for (int i = 0; i < size; i++) {
                if (i == slot) {
                    continue;
                }
                double d2 = Math.max(0, xx + items[i].squaredNorm() - 2 * x.dot(items[i]));
                double k = Math.exp(-ref.gamma() * d2);
                kernel[slot][i] = k;
                kernel[i][slot] = k;
                pairSum += k;
            }
            items[slot] = x;
            toReference[slot] = meanKernel(x, ref);
            referenceSum += toReference[slot];
            next = (next + 1) % items.length;
            if (size < items.length) {
                return Double.NaN;
            }
            int n = items.length;
            return 2 * pairSum / (n * (n - 1.0)) + ref.referenceMeanKernel() - 2 * referenceSum / n;
        }
    }
}
