package dev.exdetect.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.request.RequestRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The per-client feature state stays under its documented bound whatever the client's volume, is
 * serialized by Flink's POJO serializer (never Kryo), and survives a serialization round trip; and
 * the request's parameters and output reach the features through {@link ObserveQueries}.
 */
class FeatureStateSizeTest {
    private static final DetectorConfig CONFIG = DetectorConfig.defaults();
    private static final long T0 = 1_793_577_600_000L;

    /** One request of a heavy client that sends every kind of input, in rotation. */
    private static RequestRecord request(SyntheticQueries g, int i, long t, String template) {
        RequestRecord r = new RequestRecord();
        r.requestId = "r" + i;
        r.timestampMillis = t;
        r.clientId = "heavy";
        switch (i % 4) {
            case 0 -> r.text = g.prompt(10 + g.nextInt(50));
            case 1 -> r.text = template + " " + g.prompt(8);
            case 2 -> r.text = template;
            default -> {
                r.vector = g.gaussian(32);
                r.outputProbabilities = new double[10];
                r.outputProbabilities[g.nextInt(10)] = 1;
            }
        }
        if (r.text != null) {
            r.textLength = r.text.length();
        }
        r.paramsJson =
                "{\"logit_bias\":{\""
                        + g.nextInt(50_000)
                        + "\":100},\"max_tokens\":"
                        + (16 + g.nextInt(4000))
                        + ",\"top_logprobs\":5}";
        r.outputLabel = "class-" + g.nextInt(10);
        r.outputConfidence = g.uniform();
        return r;
    }

    private static int serializedSize(
            TypeSerializer<ClientFeatureState> serializer, ClientFeatureState state)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32 * 1024);
        serializer.serialize(state, out);
        return out.length();
    }

    @Test
    void stateOfAClientSendingOneHundredThousandRequestsStaysUnderTheBound() throws Exception {
        TypeInformation<ClientFeatureState> type = TypeInformation.of(ClientFeatureState.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        SerializerConfigImpl noKryo = new SerializerConfigImpl();
        noKryo.setGenericTypes(false); // any field needing Kryo would throw here
        TypeSerializer<ClientFeatureState> serializer = type.createSerializer(noKryo);

        ObserveQueries observe = new ObserveQueries(CONFIG);
        observe.open(null);
        FeatureEngine engine = new FeatureEngine(CONFIG.features());
        ClientFeatureState state = engine.newState();
        SyntheticQueries g = new SyntheticQueries(99, 20_000);
        String template = g.prompt(40);
        List<Integer> sizes = new ArrayList<>();
        long t = T0;
        FeatureVector last = null;
        for (int i = 1; i <= 100_000; i++) {
            t += g.nextInt(2000);
            ClientEvent e = observe.map(request(g, i, t, template));
            last = engine.update(state, e.observation);
            if (i == 100 || i == 1_000 || i == 10_000 || i == 100_000) {
                sizes.add(serializedSize(serializer, state));
            }
        }
        observe.close();

        assertThat(sizes)
                .allSatisfy(
                        s ->
                                assertThat(s)
                                        .isLessThanOrEqualTo(
                                                ClientFeatureState.MAX_SERIALIZED_BYTES));
        // Steady state: every structure is allocated by then and has a fixed size.
        assertThat(sizes.get(3)).isEqualTo(sizes.get(2)).isEqualTo(sizes.get(1));
        assertThat(last.get(Feature.REQUESTS_TOTAL)).isEqualTo(100_000);
        // Parameters and outputs reached the features through ObserveQueries.
        assertThat(last.get(Feature.LOGIT_BIAS_RATIO)).isEqualTo(1.0);
        assertThat(last.get(Feature.LOGPROBS_RATIO)).isEqualTo(1.0);
        assertThat(last.get(Feature.MAX_TOKENS_MAX)).isGreaterThan(3900);
        assertThat(last.get(Feature.PROBABILITIES_RATIO)).isEqualTo(0.25);
        assertThat(last.get(Feature.LABEL_ENTROPY)).isGreaterThan(2.5);
        assertThat(last.get(Feature.VECTOR_DISTANCE_NORMALITY)).isBetween(0.0, 1.0);
        assertThat(last.get(Feature.TEMPLATE_SHARE)).isGreaterThan(0.4);

        // The serialized state restores to the same features.
        DataOutputSerializer out = new DataOutputSerializer(32 * 1024);
        serializer.serialize(state, out);
        ClientFeatureState restored =
                serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(engine.snapshot(restored, t).asMap())
                .isEqualTo(engine.snapshot(state, t).asMap());
        System.out.printf("feature state bytes after 100/1k/10k/100k requests: %s%n", sizes);
    }
}
