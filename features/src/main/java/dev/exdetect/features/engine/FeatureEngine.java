package dev.exdetect.features.engine;

import dev.exdetect.features.minhash.RecentSignatures;
import dev.exdetect.features.window.RecentFlags;
import dev.exdetect.features.window.SlidingWindowCounter;
import java.io.Serializable;

/**
 * Updates a client's {@link ClientFeatureState} with one {@link QueryObservation} and returns the
 * client's {@link FeatureVector} after it. Pure with respect to its inputs: the same observations
 * in the same order give the same values, which is what makes live and replay agree.
 */
public final class FeatureEngine implements Serializable {
    private static final long SECOND = 1000L;
    private static final long MINUTE = 60 * SECOND;

    private final FeatureConfig config;

    /** An engine with the given settings. */
    public FeatureEngine(FeatureConfig config) {
        this.config = config;
    }

    /** The settings. */
    public FeatureConfig config() {
        return config;
    }

    /** Fresh state for a client that has not been seen yet. */
    public ClientFeatureState newState() {
        ClientFeatureState s = new ClientFeatureState();
        s.perMinute = SlidingWindowCounter.of(12, 5 * SECOND);
        s.perHour = SlidingWindowCounter.of(12, 5 * MINUTE);
        s.recentText = RecentSignatures.withCapacity(config.recentSignatures());
        s.nearDuplicates = new RecentFlags();
        return s;
    }

    /** Folds {@code obs} into {@code state} and returns the features after it. */
    public FeatureVector update(ClientFeatureState state, QueryObservation obs) {
        long t = obs.timestampMillis;
        if (state.requestCount == 0) {
            state.firstSeenMillis = t;
        }
        state.requestCount++;
        state.lastSeenMillis = Math.max(state.lastSeenMillis, t);
        state.perMinute.add(t);
        state.perHour.add(t);

        if (obs.textSignature != null) {
            double similarity = state.recentText.maxSimilarity(obs.textSignature);
            state.nearDuplicates.add(similarity >= config.nearDuplicateThreshold());
            state.recentText.add(obs.textSignature);
        }
        return snapshot(state, t);
    }

    /** The features of {@code state} as of event time {@code t}, without changing it. */
    public FeatureVector snapshot(ClientFeatureState state, long t) {
        FeatureVector v = new FeatureVector();
        v.set(Feature.REQUESTS_TOTAL, state.requestCount);
        v.set(Feature.REQUESTS_LAST_MINUTE, state.perMinute.count(t));
        v.set(Feature.REQUESTS_LAST_HOUR, state.perHour.count(t));
        v.set(Feature.TEXT_REQUESTS_RECENT, state.nearDuplicates.count);
        if (state.nearDuplicates.count > 0) {
            v.set(Feature.NEAR_DUPLICATE_RATIO, state.nearDuplicates.ratio());
        }
        return v;
    }
}
