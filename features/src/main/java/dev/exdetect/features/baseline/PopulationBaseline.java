package dev.exdetect.features.baseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the features of normal clients are distributed, for two-sided comparison: is this client's
 * value unusually high or unusually low for the population? Some extraction traffic is more diverse
 * than normal traffic and some is less, so both tails matter.
 *
 * <p>The baseline is fitted offline from the feature vectors of clients known to be benign and
 * stored as JSON (a fixed set of quantiles per feature). It is a fixed input to the detector, like
 * a rule file, never a live aggregate: feeding a running global statistic back into per-client
 * decisions would make answers depend on parallelism and arrival order, and live and replay would
 * disagree. Immutable and thread-safe.
 */
public final class PopulationBaseline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Format identifier written to and required in the JSON. */
    public static final String SCHEMA = "exdetect.population-baseline.v1";

    /** The cumulative probabilities at which quantiles are kept. */
    public static final double[] LEVELS = {
        0, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 1
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();

    // EnumMaps: serializable, so the baseline can ship inside the job's configuration.
    private final EnumMap<Feature, double[]> quantiles;
    private final EnumMap<Feature, Integer> samples;

    private PopulationBaseline(
            EnumMap<Feature, double[]> quantiles, EnumMap<Feature, Integer> samples) {
        this.quantiles = quantiles;
        this.samples = samples;
    }

    /**
     * Fits a baseline: for each feature, the quantiles at {@link #LEVELS} of its defined values
     * over {@code population} (type-7 interpolation, as R's and NumPy's default). Features
     * undefined for every client are left out.
     */
    public static PopulationBaseline fit(Collection<FeatureVector> population) {
        EnumMap<Feature, double[]> quantiles = new EnumMap<>(Feature.class);
        EnumMap<Feature, Integer> samples = new EnumMap<>(Feature.class);
        for (Feature f : Feature.values()) {
            double[] values = new double[population.size()];
            int n = 0;
            for (FeatureVector v : population) {
                double x = v.get(f);
                if (!Double.isNaN(x)) {
                    values[n++] = x;
                }
            }
            if (n == 0) {
                continue;
            }
            double[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            double[] q = new double[LEVELS.length];
            for (int i = 0; i < LEVELS.length; i++) {
                q[i] = quantile(sorted, LEVELS[i]);
            }
            quantiles.put(f, q);
            samples.put(f, n);
        }
        return new PopulationBaseline(quantiles, samples);
    }

    private static double quantile(double[] sorted, double level) {
        double h = (sorted.length - 1) * level;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The features the baseline knows. */
    public List<Feature> features() {
        return new ArrayList<>(quantiles.keySet());
    }

    /** The stored quantiles of {@code feature} (at {@link #LEVELS}), or null when unknown. */
    public double[] quantiles(Feature feature) {
        double[] q = quantiles.get(feature);
        return q == null ? null : q.clone();
    }

    /** Clients the quantiles of {@code feature} were computed from; 0 when unknown. */
    public int samples(Feature feature) {
        return samples.getOrDefault(feature, 0);
    }

    /**
     * Where {@code value} falls in the population, as a cumulative probability in [0, 1]: linear
     * between the stored quantiles, 0 below the minimum, 1 above the maximum, and the middle of the
     * range when many clients share the value exactly. NaN when the feature is unknown or the value
     * is NaN.
     */
    public double percentile(Feature feature, double value) {
        double[] q = quantiles.get(feature);
        if (q == null || Double.isNaN(value)) {
            return Double.NaN;
        }
        int last = q.length - 1;
        if (value < q[0]) {
            return 0;
        }
        if (value > q[last]) {
            return 1;
        }
        int firstEqual = -1;
        int lastEqual = -1;
        for (int i = 0; i <= last; i++) {
            if (q[i] == value) {
                if (firstEqual < 0) {
                    firstEqual = i;
                }
                lastEqual = i;
            }
        }
        if (firstEqual >= 0) {
            return (LEVELS[firstEqual] + LEVELS[lastEqual]) / 2;
        }
        int i = 0;
        while (q[i + 1] < value) {
            i++;
        }
        double share = (value - q[i]) / (q[i + 1] - q[i]);
        return LEVELS[i] + share * (LEVELS[i + 1] - LEVELS[i]);
    }

    /**
     * Two-sided tail probability of {@code value}: {@code 2 * min(p, 1 - p)} for its percentile p.
     * 1 at the median, towards 0 at either extreme; NaN when unknown.
     */
    public double twoSidedTail(Feature feature, double value) {
        double p = percentile(feature, value);
        return Double.isNaN(p) ? Double.NaN : Math.min(1, 2 * Math.min(p, 1 - p));
    }

    /** The baseline as JSON text. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        ArrayNode levels = root.putArray("levels");
        for (double l : LEVELS) {
            levels.add(l);
        }
        ObjectNode features = root.putObject("features");
        for (Map.Entry<Feature, double[]> e : quantiles.entrySet()) {
            ObjectNode f = features.putObject(e.getKey().id());
            f.put("samples", samples.get(e.getKey()));
            ArrayNode q = f.putArray("quantiles");
            for (double x : e.getValue()) {
                q.add(x);
            }
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a baseline written by {@link #toJson}. Throws {@link IllegalArgumentException} naming
     * the problem when the text is not such a baseline (wrong schema, other levels, unknown
     * feature, quantiles not ascending).
     */
    public static PopulationBaseline fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "population baseline is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException("population baseline: schema must be " + SCHEMA);
        }
        JsonNode levels = root.path("levels");
        if (levels.size() != LEVELS.length) {
            throw new IllegalArgumentException("population baseline: unexpected levels");
        }
        for (int i = 0; i < LEVELS.length; i++) {
            if (levels.get(i).asDouble() != LEVELS[i]) {
                throw new IllegalArgumentException("population baseline: unexpected levels");
            }
        }
        EnumMap<Feature, double[]> quantiles = new EnumMap<>(Feature.class);
        EnumMap<Feature, Integer> samples = new EnumMap<>(Feature.class);
        var fields = root.path("features").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            Feature f = Feature.byId(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException(
                        "population baseline: unknown feature '" + e.getKey() + "'");
            }
            JsonNode q = e.getValue().path("quantiles");
            if (q.size() != LEVELS.length) {
                throw new IllegalArgumentException(
                        "population baseline: "
                                + e.getKey()
                                + " needs "
                                + LEVELS.length
                                + " quantiles");
            }
            double[] values = new double[LEVELS.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = q.get(i).asDouble();
                if (i > 0 && values[i] < values[i - 1]) {
                    throw new IllegalArgumentException(
                            "population baseline: " + e.getKey() + " quantiles not ascending");
                }
            }
            quantiles.put(f, values);
            samples.put(f, e.getValue().path("samples").asInt());
        }
        return new PopulationBaseline(quantiles, samples);
    }
}
