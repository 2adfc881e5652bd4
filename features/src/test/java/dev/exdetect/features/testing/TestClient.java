package dev.exdetect.features.testing;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.QueryInput;
import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.features.engine.QueryAnalyzer;

/** One client's requests through the real analyzer and engine, as the job runs them. */
public final class TestClient implements AutoCloseable {
    /** 2026-11-02T00:00:00Z. */
    public static final long T0 = 1_793_577_600_000L;

    private final QueryAnalyzer analyzer;
    private final FeatureEngine engine;
    private final ClientFeatureState state;
    private FeatureVector last;

    /** A client with the default settings. */
    public TestClient() {
        this(FeatureConfig.defaults());
    }

    /** A client with the given settings. */
    public TestClient(FeatureConfig config) {
        analyzer = new QueryAnalyzer(config);
        engine = new FeatureEngine(config);
        state = engine.newState();
    }

    /** Sends {@code in} at event time {@code t}; returns the features after it. */
    public FeatureVector send(long t, QueryInput in) {
        last = engine.update(state, analyzer.observe(t, in));
        return last;
    }

    /** Sends a text at event time {@code t}. */
    public FeatureVector text(long t, String text) {
        return send(t, QueryInput.text(text));
    }

    /** Sends a text with parameters at event time {@code t}. */
    public FeatureVector text(long t, String text, String paramsJson) {
        QueryInput in = QueryInput.text(text);
        in.paramsJson = paramsJson;
        return send(t, in);
    }

    /** The value of {@code f} after the last request. */
    public double get(Feature f) {
        return last.get(f);
    }

    /** The client's state. */
    public ClientFeatureState state() {
        return state;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
