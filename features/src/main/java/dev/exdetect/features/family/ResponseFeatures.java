package dev.exdetect.features.family;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.sketch.IntRing;
import dev.exdetect.features.stats.Entropy;
import dev.exdetect.features.window.RecentFlags;

/**
 * Parameter fingerprint and output features. Extraction scripts send the same decoding settings
 * every time, ask for the most output they can (long max_tokens, log-probabilities, logit bias
 * sweeps, full probability vectors: Tramèr et al. 2016, Carlini et al. 2024), and aim at uncertain
 * answers and balanced class coverage (ActiveThief, Pal et al. 2020).
 */
public final class ResponseFeatures {
    /** Requests kept per ring. */
    public static final int WINDOW = 64;

    private ResponseFeatures() {}

    /** Fresh state. */
    public static ResponseState newState() {
        ResponseState s = new ResponseState();
        s.paramsFingerprints = IntRing.withCapacity(WINDOW);
        s.logprobs = new RecentFlags();
        s.logitBias = new RecentFlags();
        s.maxTokensMax = -1;
        s.labels = IntRing.withCapacity(WINDOW);
        s.uncertain = new RecentFlags();
        s.probabilities = new RecentFlags();
        return s;
    }

    /** Folds one request's parameters and answer into {@code s}. */
    public static void update(ResponseState s, QueryObservation obs) {
        s.paramsFingerprints.add(obs.paramsFingerprint);
        s.logprobs.add(obs.logprobs);
        s.logitBias.add(obs.logitBias);
        s.maxTokensMax = Math.max(s.maxTokensMax, obs.maxTokens);
        if (obs.labelHash != 0) {
            s.labels.add(obs.labelHash);
        }
        if (obs.uncertain >= 0) {
            s.uncertain.add(obs.uncertain == 1);
        }
        s.probabilities.add(obs.probabilities);
    }

    /** Writes the parameter and output features. */
    public static void report(ResponseState s, FeatureVector v) {
        v.set(Feature.PARAMS_MODAL_SHARE, s.paramsFingerprints.summary().modeShare());
        v.set(Feature.LOGPROBS_RATIO, s.logprobs.ratio());
        v.set(Feature.LOGIT_BIAS_RATIO, s.logitBias.ratio());
        v.set(Feature.PROBABILITIES_RATIO, s.probabilities.ratio());
        if (s.maxTokensMax >= 0) {
            v.set(Feature.MAX_TOKENS_MAX, s.maxTokensMax);
        }
        if (s.labels.size > 0) {
            IntRing.Summary labels = s.labels.summary();
            v.set(Feature.LABEL_ENTROPY, labels.entropyBits());
            v.set(
                    Feature.LABEL_BALANCE,
                    Entropy.normalized(labels.entropyBits(), labels.distinct()));
        }
        if (s.uncertain.count > 0) {
            v.set(Feature.UNCERTAIN_ANSWER_RATIO, s.uncertain.ratio());
        }
    }
}
