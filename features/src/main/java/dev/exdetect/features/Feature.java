package dev.exdetect.features;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogue of per-client features: the names rules refer to and alerts report.
 *
 * <p>Names are stable identifiers (snake case); renaming one breaks rule files. Each is documented
 * in {@code docs/FEATURES.md} with its range, memory cost and source in the literature. "Recent"
 * means the client's last 64 requests of the kind named, unless said otherwise.
 */
public enum Feature {
    // Volume and timing.
    REQUESTS_TOTAL("Requests seen from the client since its state was created."),
    REQUESTS_LAST_MINUTE("Requests in the last 60 s of event time (5 s buckets)."),
    REQUESTS_LAST_HOUR("Requests in the last hour of event time (5 min buckets)."),
    REQUESTS_LAST_DAY("Requests in the last 24 h of event time (1 h buckets)."),
    INTER_ARRIVAL_CV(
            "Coefficient of variation of the gaps between requests (recent, exponentially"
                    + " weighted): near 0 for a script on a timer, about 1 for random arrivals,"
                    + " above 1 for bursty human use."),
    BURSTINESS(
            "Goh-Barabasi burstiness of the gaps, (cv - 1) / (cv + 1): -1 perfectly regular, 0"
                    + " random, towards 1 bursty."),
    ACTIVE_HOURS_LAST_WEEK(
            "Distinct hours of the day (UTC) with requests in the last 7 days, 0 to 24."),

    // Near-duplicates and templates (text).
    TEXT_REQUESTS_RECENT("Text queries among the last 64 that near_duplicate_ratio looks at."),
    NEAR_DUPLICATE_RATIO(
            "Share of the client's last 64 text queries that had a near-duplicate (MinHash"
                    + " Jaccard of word 3-shingles at or above the threshold) among its earlier"
                    + " recent queries."),
    CHAR_NEAR_DUPLICATE_RATIO(
            "As near_duplicate_ratio, over character 5-shingles: also catches copies with"
                    + " typos, swapped characters or spacing changes."),
    PARAM_SWEEP_RATIO(
            "Share of the last 64 text queries that near-duplicate an earlier one sent with"
                    + " different parameters (the same prompt with sweeping logit_bias,"
                    + " logprobs, temperature...)."),
    TEMPLATE_SHARE(
            "Share of the last 64 text queries that start with the client's template prefix"
                    + " (at least the configured number of words shared with its earlier"
                    + " queries)."),
    VARIABLE_PART_NEAR_DUPLICATE_RATIO(
            "Near-duplicate share computed on the part of each query after the template"
                    + " prefix: high when even the varying content repeats."),
    TEXT_DISTANCE_NORMALITY(
            "Shapiro-Wilk W of the last 64 minimum MinHash Jaccard distances between each text"
                    + " query and the client's earlier ones (PRADA on text); low means not"
                    + " normal."),

    // Query-space coverage.
    DISTINCT_CELLS_TOTAL(
            "Distinct query-space cells visited over the client's whole history (HyperLogLog"
                    + " estimate): keyword cells for text, LSH buckets for vectors."),
    CELLS_PER_REQUEST("distinct_cells_total divided by the requests that had a cell, 0 to 1."),
    NEW_CELL_RATE(
            "Share of recent requests (about the last 64, exponentially weighted) that landed"
                    + " in a cell the client had not visited before."),
    NEW_CELL_RATE_TREND(
            "new_cell_rate over its long-run value (about the last 512 requests): near 1 when"
                    + " the client keeps exploring at a steady rate, well below 1 when its"
                    + " interests have saturated."),
    CELL_ENTROPY(
            "Shannon entropy of the last 64 requests' cells over its maximum, 0 (one cell) to"
                    + " 1 (all different)."),

    // Distances of vector queries (PRADA).
    VECTOR_MIN_DISTANCE_MEDIAN(
            "Median of the last 64 minimum Euclidean distances between a vector query and the"
                    + " client's earlier ones with the same predicted label."),
    VECTOR_DISTANCE_NORMALITY(
            "Shapiro-Wilk W of the last 64 minimum distances of vector queries (PRADA); low"
                    + " means not normal, the mark of synthetic queries."),

    // Outputs.
    LABEL_ENTROPY("Shannon entropy in bits of the last 64 returned labels."),
    LABEL_BALANCE(
            "label_entropy over its maximum for the labels seen: 1 when every label is"
                    + " returned equally often (uniform class coverage)."),
    UNCERTAIN_ANSWER_RATIO(
            "Share of the last 64 scored answers near a decision boundary (top-two probability"
                    + " margin or confidence below the configured limits)."),
    PROBABILITIES_RATIO(
            "Share of the last 64 requests whose answer carried a full probability vector."),

    // Parameters.
    PARAMS_MODAL_SHARE(
            "Share of the last 64 requests sent with the client's most common parameter set: 1"
                    + " for a script that never varies its decoding settings."),
    MAX_TOKENS_MAX("Largest max_tokens the client has asked for."),
    LOGPROBS_RATIO("Share of the last 64 requests that asked for or received log-probabilities."),
    LOGIT_BIAS_RATIO("Share of the last 64 requests that sent a non-empty logit_bias."),

    // Long horizon.
    LIFETIME_NEAR_DUPLICATE_RATIO(
            "Share of all the client's text queries, over its whole history, that had a recent"
                    + " near-duplicate."),
    LIFETIME_DAYS("Days between the client's first and latest request."),

    // Clusters of linked accounts (evaluated by cluster-scope rules only).
    CLUSTER_SIZE(
            Scope.CLUSTER,
            "Accounts tied into one cluster by strong links (shared network origin plus another"
                    + " independent kind of evidence)."),
    CLUSTER_REQUESTS_LAST_HOUR(Scope.CLUSTER, "Requests of all members in the last hour."),
    CLUSTER_REQUESTS_LAST_DAY(Scope.CLUSTER, "Requests of all members in the last 24 h."),
    CLUSTER_MAX_MEMBER_SHARE(
            Scope.CLUSTER,
            "The busiest member's share of the cluster's requests in the last 24 h, 0 to 1: low"
                    + " when one budget is split evenly over many accounts."),
    CLUSTER_DISTINCT_CELLS(
            Scope.CLUSTER,
            "Distinct query-space cells the members covered together (HyperLogLog)."),
    CLUSTER_CELL_OVERLAP(
            Scope.CLUSTER,
            "Sum of the members' distinct cells divided by the cells they covered together: 1 when"
                    + " their queries are disjoint (complementary coverage of one region), up to"
                    + " cluster_size when they all ask the same."),
    CLUSTER_ACTIVITY_SYNC(
            Scope.CLUSTER,
            "Mean similarity (Jaccard of active 5-minute slots over the last day) between linked"
                    + " members, 0 to 1: accounts run by one script start, pause and stop"
                    + " together."),
    CLUSTER_LINK_STRENGTH(
            Scope.CLUSTER,
            "Mean strength of the links that tie the cluster, the sum over independent kinds of"
                    + " evidence of the strongest rarity-weighted evidence of each."),
    CLUSTER_INTER_ARRIVAL_CV(
            Scope.CLUSTER,
            "Median over members of inter_arrival_cv: near 0 when the members' requests come on"
                    + " a timer.");

    /** Whom a feature describes, and so which rules may use it. */
    public enum Scope {
        /** One account (the default): evaluated by rules of scope client. */
        CLIENT,
        /** A cluster of linked accounts: evaluated by rules of scope cluster. */
        CLUSTER
    }

    private static final Map<String, Feature> BY_NAME = new HashMap<>();

    static {
        for (Feature f : values()) {
            BY_NAME.put(f.id(), f);
        }
    }

    private final Scope scope;
    private final String description;

    Feature(String description) {
        this(Scope.CLIENT, description);
    }

    Feature(Scope scope, String description) {
        this.scope = scope;
        this.description = description;
    }

    /** Whom the feature describes. */
    public Scope scope() {
        return scope;
    }

    /** The name used in rule files and alerts, e.g. {@code near_duplicate_ratio}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the feature measures, for people. */
    public String description() {
        return description;
    }

    /** The feature with this {@link #id()}, or null. */
    public static Feature byId(String id) {
        return BY_NAME.get(id);
    }
}
