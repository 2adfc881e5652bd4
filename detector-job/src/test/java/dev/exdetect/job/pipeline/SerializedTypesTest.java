package dev.exdetect.job.pipeline;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.exdetect.features.QueryObservation;
import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.job.detect.AlertEpisode;
import dev.exdetect.job.detect.ClientState;
import dev.exdetect.job.detect.EvidenceSamples;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.model.ClientHistory;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.request.RequestRecord;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.rules.response.EnforcementState;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type the job keeps in state or sends between operators (outside the linkage step) is
 * serialized by Flink's POJO serializer, with no field falling back to Kryo: Kryo is slower, and
 * its state cannot evolve when a field is added or removed.
 */
class SerializedTypesTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                // Keyed state of the detection step (the buffered requests are ClientEvents).
                ClientState.class,
                ClientFeatureState.class,
                EvidenceSamples.class,
                EnforcementState.class,
                AlertEpisode.class,
                ClientHistory.class,
                ClusterVerdict.class,
                // Between operators.
                RawRecord.class,
                RequestRecord.class,
                ClientEvent.class,
                QueryObservation.class,
                RuleMessage.class,
                OutputRecord.class
            })
    void isAFlinkPojoWithoutKryo(Class<?> type) {
        assertSerializedAsPojoWithoutKryo(type);
    }

    /** A POJO with one field Flink can only serialize with Kryo (a UUID is no POJO). */
    public static class WithAGenericField {
        public UUID id;

        public WithAGenericField() {}
    }

    @Test
    void theCheckCatchesAFieldThatFallsBackToKryo() {
        assertThatThrownBy(() -> assertSerializedAsPojoWithoutKryo(WithAGenericField.class))
                .isInstanceOf(AssertionError.class);
    }
}
