package dev.exdetect.features.engine;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The catalogue of per-client features: the names rules refer to and alerts report.
 *
 * <p>Names are stable identifiers (snake case); renaming one breaks rule files. Each is documented
 * in {@code docs/FEATURES.md}.
 */
public enum Feature {
    REQUESTS_TOTAL("Requests seen from the client since its state was created."),
    REQUESTS_LAST_MINUTE("Requests in the last 60 s of event time (5 s buckets)."),
    REQUESTS_LAST_HOUR("Requests in the last hour of event time (5 min buckets)."),
    TEXT_REQUESTS_RECENT("Text queries among the last 64 that near_duplicate_ratio looks at."),
    NEAR_DUPLICATE_RATIO(
            "Share of the client's last 64 text queries that had a near-duplicate (MinHash"
                    + " Jaccard above the threshold) among its earlier recent queries.");

    private static final Map<String, Feature> BY_NAME = new HashMap<>();

    static {
        for (Feature f : values()) {
            BY_NAME.put(f.id(), f);
        }
    }

    private final String description;

    Feature(String description) {
        this.description = description;
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
