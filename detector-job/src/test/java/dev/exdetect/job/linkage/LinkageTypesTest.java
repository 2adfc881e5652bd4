package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.LinkEdge;
import dev.exdetect.features.linkage.MemberProfile;
import dev.exdetect.features.linkage.SharedItem;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type the linkage steps keep in state or send between operators is serialized by Flink's
 * POJO serializer, with no field left to Kryo: state stays compact, evolvable, and readable by the
 * next version of the job.
 */
class LinkageTypesTest {
    @ParameterizedTest
    @ValueSource(
            classes = {
                LinkObservation.class,
                SharedItem.class,
                LinkEvidence.class,
                MemberRequest.class,
                ProfileInput.class,
                MemberState.class,
                MemberProfile.class,
                ClusterInput.class,
                LinkEdge.class,
                Notified.class
            })
    void isSerializedAsAPojoWithoutKryo(Class<?> type) {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(type);
    }
}
