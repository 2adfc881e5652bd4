package dev.exdetect.features.engine;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.family.CoverageFeatures;
import dev.exdetect.features.family.ResponseFeatures;
import dev.exdetect.features.family.TextFeatures;
import dev.exdetect.features.family.TimingFeatures;
import dev.exdetect.features.family.VectorFeatures;
import java.io.Serializable;

/**
 * Updates a client's {@link ClientFeatureState} with one {@link QueryObservation} and returns the
 * client's {@link FeatureVector} after it. Pure with respect to its inputs: the same observations
 * in the same order give the same values, which is what makes live and replay agree. Each feature
 * family lives in its own class in {@code dev.exdetect.features.family}; this class only routes.
 */
public final class FeatureEngine implements Serializable {
    private static final double DAY_MILLIS = 86_400_000.0;

    private final FeatureConfig config;
    private final TextFeatures textFeatures;

    /** An engine with the given settings. */
    public FeatureEngine(FeatureConfig config) {
        this.config = config;
        this.textFeatures = new TextFeatures(config);
    }

    /** The settings. */
    public FeatureConfig config() {
        return config;
    }

    /** Fresh state for a client that has not been seen yet. */
    public ClientFeatureState newState() {
        ClientFeatureState s = new ClientFeatureState();
        s.timing = TimingFeatures.newState();
        s.coverage = CoverageFeatures.newState();
        s.responses = ResponseFeatures.newState();
        return s;
    }

    /** Folds {@code obs} into {@code state} and returns the features after it. */
    public FeatureVector update(ClientFeatureState state, QueryObservation obs) {
        long t = obs.timestampMillis;
        if (state.requestCount == 0) {
            state.firstSeenMillis = t;
            state.lastSeenMillis = t;
        }
        state.requestCount++;
        state.lastSeenMillis = Math.max(state.lastSeenMillis, t);
        TimingFeatures.update(state.timing, t);
        if (obs.textSignature != null) {
            if (state.text == null) {
                state.text = textFeatures.newState();
            }
            textFeatures.update(state.text, obs);
        }
        if (obs.vectorSketch != null) {
            if (state.vectors == null) {
                state.vectors = VectorFeatures.newState();
            }
            VectorFeatures.update(state.vectors, obs);
        }
        if (obs.cell != 0) {
            CoverageFeatures.update(state.coverage, obs.cell);
        }
        ResponseFeatures.update(state.responses, obs);
        return snapshot(state, t);
    }

    /** The features of {@code state} as of event time {@code t}, without changing it. */
    public FeatureVector snapshot(ClientFeatureState state, long t) {
        FeatureVector v = new FeatureVector();
        v.set(Feature.REQUESTS_TOTAL, state.requestCount);
        v.set(Feature.LIFETIME_DAYS, (state.lastSeenMillis - state.firstSeenMillis) / DAY_MILLIS);
        TimingFeatures.report(state.timing, t, v);
        textFeatures.report(state.text, v);
        VectorFeatures.report(state.vectors, v);
        CoverageFeatures.report(state.coverage, v);
        ResponseFeatures.report(state.responses, v);
        return v;
    }
}
