package dev.exdetect.features;

/**
 * The raw parts of one request that features are computed from, as the request log gives them. Any
 * field may be absent (null, or NaN for the confidence). Built by the caller and passed to {@link
 * dev.exdetect.features.engine.QueryAnalyzer#observe(long, QueryInput)}; never stored.
 */
public final class QueryInput {
    /** {@code input.text}. */
    public String text;

    /** {@code input.features}. */
    public double[] vector;

    /** {@code params} as canonical JSON (sorted keys). */
    public String paramsJson;

    /** {@code output.label}. */
    public String outputLabel;

    /** {@code output.confidence}, NaN when absent. */
    public double outputConfidence = Double.NaN;

    /** {@code output.probabilities}. */
    public double[] outputProbabilities;

    /** {@code output.logprobs}: log-probabilities were returned. */
    public boolean outputLogprobs;

    /** A text-only input. */
    public static QueryInput text(String text) {
        QueryInput in = new QueryInput();
        in.text = text;
        return in;
    }

    /** A vector-only input. */
    public static QueryInput vector(double[] vector) {
        QueryInput in = new QueryInput();
        in.vector = vector;
        return in;
    }
}
