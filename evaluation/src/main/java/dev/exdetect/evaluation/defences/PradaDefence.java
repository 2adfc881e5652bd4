package dev.exdetect.evaluation.defences;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.features.stats.ShapiroWilk;
import java.util.HashMap;
import java.util.Map;

/**
 * PRADA (Juuti et al., EuroS&P 2019): per client and per predicted class, a growing set of the
 * client's queries that were far from all earlier ones; each new query's minimum distance to its
 * class's set goes into the client's distance sample; a query joins the set when that distance
 * exceeds the class threshold {@code max(T, mean - std)} of the set's own distances. Benign query
 * streams give roughly normal distance samples; synthetic extraction queries do not, so the
 * Shapiro-Wilk W of the sample falling below δ raises the alarm.
 *
 * <p>Inputs: vector queries as they are (L2 distance); text prompts as {@link TextSketch}es (the
 * paper handled images; this is the same test on a text embedding), all in one class since a chat
 * answer has no label. To keep the cost bounded for clients with tens of thousands of requests,
 * each class's growing set keeps its latest {@value #MAX_SET} members, W is computed over the
 * latest {@value #MAX_DISTANCES} distances, and the test runs every {@value #TEST_EVERY} distances
 * once there are {@value #MIN_DISTANCES}.
 */
public final class PradaDefence implements Defence {
    /** Members kept per class's growing set. */
    public static final int MAX_SET = 1000;

    /** Distances needed before the first test. */
    public static final int MIN_DISTANCES = 100;

    /** Distances kept per client: the most Shapiro-Wilk's approximation is valid for. */
    public static final int MAX_DISTANCES = 5000;

    /** The test runs after every this many new distances. */
    public static final int TEST_EVERY = 10;

    private final ClientState[] clients;
    private final FirstCrossing[] scores;

    /** PRADA state for {@code clients} clients. */
    public PradaDefence(int clients) {
        this.clients = new ClientState[clients];
        this.scores = new FirstCrossing[clients];
        for (int i = 0; i < clients; i++) {
            this.scores[i] = new FirstCrossing(false);
        }
    }

    @Override
    public String name() {
        return "prada";
    }

    @Override
    public String describe(double threshold) {
        return String.format(java.util.Locale.ROOT, "Shapiro-Wilk W below %.4f", threshold);
    }

    @Override
    public void observe(int client, long seq, long timestampMillis, ObjectNode request) {
        JsonNode input = request.path("input");
        float[] x;
        String cls;
        if (input.has("features")) {
            JsonNode f = input.get("features");
            x = new float[f.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) f.get(j).asDouble();
            }
            cls = request.path("output").path("label").asText("?");
        } else {
            x = TextSketch.of(input.path("text").asText(""));
            cls = "";
        }
        ClientState s = clients[client];
        if (s == null) {
            s = clients[client] = new ClientState();
        }
        double dmin = s.classes.computeIfAbsent(cls, k -> new GrowingSet()).offer(x);
        if (Double.isNaN(dmin)) {
            return;
        }
        s.distances[s.count % MAX_DISTANCES] = dmin;
        s.count++;
        if (s.count >= MIN_DISTANCES && s.count % TEST_EVERY == 0) {
            int n = Math.min(s.count, MAX_DISTANCES);
            double[] sample = new double[n];
            System.arraycopy(s.distances, 0, sample, 0, n);
            scores[client].offer(seq, ShapiroWilk.test(sample).w());
        }
    }

    @Override
    public FirstCrossing score(int client) {
        return scores[client];
    }

    private static final class ClientState {
        final Map<String, GrowingSet> classes = new HashMap<>();
        final double[] distances = new double[MAX_DISTANCES];
        int count;
    }

    /** One class's growing set, its distances' running mean and variance, and its threshold. */
    private static final class GrowingSet {
        final float[][] members = new float[MAX_SET][];
        int size;
        int next;
        long n;
        double mean;
        double m2;
        double threshold;

        /**
         * The minimum distance of {@code x} to the set (NaN for the class's first query), adding
         * {@code x} to the set when it is beyond the threshold.
         */
        double offer(float[] x) {
            if (size == 0) {
                add(x);
                return Double.NaN;
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                best = Math.min(best, squaredDistance(members[i], x, best));
            }
            double dmin = Math.sqrt(best);
            if (dmin > threshold) {
                add(x);
                n++;
                double delta = dmin - mean;
                mean += delta / n;
                m2 += delta * (dmin - mean);
                double std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
                threshold = Math.max(threshold, mean - std);
            }
            return dmin;
        }

        private void add(float[] x) {
            members[next] = x;
            next = (next + 1) % MAX_SET;
            size = Math.min(size + 1, MAX_SET);
        }

        /**
         * Squared L2 distance, giving up once it exceeds {@code bound} (checked every 16
         * dimensions; four accumulators so the loop pipelines: this is the benchmark's hot spot).
         */
        private static double squaredDistance(float[] a, float[] b, double bound) {
            int n = Math.min(a.length, b.length);
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int j = 0;
            while (j + 16 <= n) {
                for (int end = j + 16; j < end; j += 4) {
                    double d0 = a[j] - b[j];
                    double d1 = a[j + 1] - b[j + 1];
                    double d2 = a[j + 2] - b[j + 2];
                    double d3 = a[j + 3] - b[j + 3];
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                if (s0 + s1 + s2 + s3 > bound) {
                    return s0 + s1 + s2 + s3;
                }
            }
            for (; j < n; j++) {
                double d = a[j] - b[j];
                s0 += d * d;
            }
            return s0 + s1 + s2 + s3;
        }
    }
}
