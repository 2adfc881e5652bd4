package dev.exdetect.job.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.linkage.LinkEdge;
import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.features.linkage.MemberProfile;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.ParseRuleMessages;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.job.time.OrderedBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster step through Flink's keyed broadcast operator harness. */
class ClusterFunctionTest {
    private static final long T0 = TestLogs.START;
    private static final long MIN = 60_000L;
    private static final LinkPolicy POLICY = new LinkPolicy(2 * 3_600_000L, 0.6, 0.5, 0);

    private KeyedBroadcastOperatorTestHarness<Integer, ClusterInput, RuleMessage, ClientEvent>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new ClusterFunction(POLICY), in -> 0, Types.INT, Descriptors.RULES);
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        RawRecord raw =
                new RawRecord(
                        """
                id: campaign
                version: 1
                description: five linked accounts sharing a volume
                attack_type: COORDINATED
                when: cluster_size >= 5 and cluster_requests_last_hour >= 300
                score: 0.8
                response: {action: THROTTLE, limit: {requests: 5, per_seconds: 60}, ttl: 1h}
                """
                                .getBytes(StandardCharsets.UTF_8),
                        "test");
        raw.key = "campaign";
        harness.processBroadcastElement(ParseRuleMessages.parse(raw), T0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** A member that sent {@code n} requests in the hour before {@code t}. */
    private void profile(String member, long t, int n) throws Exception {
        MemberProfile p = MemberProfile.create(member, member, null);
        for (int i = n; i > 0; i--) {
            p.add(t - i * (3_600_000L / (n + 1)), Hashing.mix64(member.hashCode() * 1000L + i));
        }
        harness.processElement(ClusterInput.of(p, t), t);
    }

    /** A member that sent {@code n} requests in two 5-minute slots of its own in the last hour. */
    private void profileInOwnSlots(String member, int k, long t, int n) throws Exception {
        MemberProfile p = MemberProfile.create(member, member, null);
        long slot = 5 * MIN;
        long hourStart = Math.floorDiv(t, slot) * slot - 11 * slot;
        for (int i = 0; i < n; i++) {
            p.add(
                    hourStart + (2L * k + i % 2) * slot + i,
                    Hashing.mix64(member.hashCode() * 1000L + i));
        }
        harness.processElement(ClusterInput.of(p, t), t);
    }

    private void link(String a, String b, long t) throws Exception {
        harness.processElement(
                ClusterInput.of(new LinkEvidence(a, b, LinkSignal.SUBNET.ordinal(), 0.5, t)), t);
        harness.processElement(
                ClusterInput.of(new LinkEvidence(a, b, LinkSignal.PARAMS.ordinal(), 1.0, t)), t);
    }

    private List<String> verdictMembers() {
        List<String> out = new ArrayList<>();
        for (ClientEvent e : harness.extractOutputValues()) {
            out.add(e.clientId);
        }
        return out;
    }

    @Test
    void theMembersOfAClusterOnWhichRulesFireGetVerdictsAndALateJoinerGetsItToo() throws Exception {
        for (int i = 1; i <= 5; i++) {
            profile("m" + i, T0 + MIN, 80);
        }
        for (int i = 1; i < 5; i++) {
            link("m" + i, "m" + (i + 1), T0 + 2 * MIN);
        }
        harness.processWatermark(T0 + 3 * MIN);
        assertThat(verdictMembers()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
        ClientEvent first = harness.extractOutputValues().get(0);
        assertThat(first.verdict.ruleIds).containsExactly("campaign");
        assertThat(first.verdict.memberCount).isEqualTo(5);
        assertThat(first.verdict.linkSignals[0]).contains("subnet").contains("params");
        assertThat(first.timestampMillis).isEqualTo(T0 + 2 * MIN);

        // m6 joins a minute later: it gets the cluster's verdict at once; the others are not
        // sent it again within the re-send interval.
        profile("m6", T0 + 4 * MIN, 80);
        link("m6", "m5", T0 + 4 * MIN);
        harness.processWatermark(T0 + 5 * MIN);
        List<String> members = verdictMembers();
        assertThat(members.subList(5, members.size())).containsExactly("m6");
    }

    @Test
    void aWeakLinkOrASmallClusterSendsNothing() throws Exception {
        for (int i = 1; i <= 5; i++) {
            profileInOwnSlots("w" + i, i, T0 + 60 * MIN, 80);
        }
        for (int i = 1; i < 5; i++) {
            // Shared subnet and user agent, not active together: not one actor.
            harness.processElement(
                    ClusterInput.of(
                            new LinkEvidence(
                                    "w" + i,
                                    "w" + (i + 1),
                                    LinkSignal.SUBNET.ordinal(),
                                    0.9,
                                    T0 + 2 * MIN)),
                    T0 + 2 * MIN);
            harness.processElement(
                    ClusterInput.of(
                            new LinkEvidence(
                                    "w" + i,
                                    "w" + (i + 1),
                                    LinkSignal.USER_AGENT.ordinal(),
                                    0.9,
                                    T0 + 2 * MIN)),
                    T0 + 2 * MIN);
        }
        // Strongly linked, busy, but only two accounts: below cluster_size 5.
        link("s1", "s2", T0 + 61 * MIN);
        profile("s1", T0 + 61 * MIN, 200);
        profile("s2", T0 + 61 * MIN, 200);
        harness.processWatermark(T0 + 62 * MIN);
        assertThat(verdictMembers()).isEmpty();
    }

    @Test
    void linksExpireAfterTheWindowAndTheirStateIsCleanedUp() throws Exception {
        for (int i = 1; i <= 5; i++) {
            profile("m" + i, T0 + MIN, 80);
        }
        for (int i = 1; i < 5; i++) {
            link("m" + i, "m" + (i + 1), T0 + 2 * MIN);
        }
        harness.processWatermark(T0 + 3 * MIN);
        assertThat(harness.extractOutputValues()).hasSize(5);
        // A second cluster, within the hour (no sweep yet) and 49 minutes younger.
        for (int i = 1; i <= 5; i++) {
            profile("n" + i, T0 + 50 * MIN, 80);
        }
        for (int i = 1; i < 5; i++) {
            link("n" + i, "n" + (i + 1), T0 + 51 * MIN);
        }
        harness.processWatermark(T0 + 52 * MIN);
        int before = harness.extractOutputValues().size();
        assertThat(before).isEqualTo(10);
        assertThat(stateSizes()).isEqualTo(new StateSizes(8, 10, 10, 10, 8));

        // Three hours after the first cluster (window: two), m1 is busy again. The sweep on its
        // profile forgets the first cluster's edges, their members' profiles and notifications,
        // and keeps the second cluster's; then m1's new profile is stored, tied to nobody.
        profile("m1", T0 + 170 * MIN, 400);
        harness.processWatermark(T0 + 170 * MIN + 1);
        assertThat(harness.extractOutputValues()).hasSize(before);
        assertThat(stateSizes()).isEqualTo(new StateSizes(4, 5, 6, 5, 4));
        assertThat(stateKeys("neighbors", Types.OBJECT_ARRAY(Types.STRING)))
                .containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5");
        assertThat(stateKeys("profiles", TypeInformation.of(MemberProfile.class)))
                .containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5", "m1");
        assertThat(
                        keyedState()
                                .getMapState(
                                        OrderedBuffer.descriptor(
                                                "pending-cluster", ClusterInput.class))
                                .isEmpty())
                .isTrue();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    /** Entries of the cluster step's graph state, and its edge counter. */
    private record StateSizes(
            int edges, int neighbors, int profiles, int notified, Integer edgeCount) {}

    private StateSizes stateSizes() throws Exception {
        return new StateSizes(
                stateKeys("edges", TypeInformation.of(LinkEdge.class)).size(),
                stateKeys("neighbors", Types.OBJECT_ARRAY(Types.STRING)).size(),
                stateKeys("profiles", TypeInformation.of(MemberProfile.class)).size(),
                stateKeys("notified", TypeInformation.of(Notified.class)).size(),
                keyedState().getState(new ValueStateDescriptor<>("edge-count", Types.INT)).value());
    }

    /** The keys of the cluster step's map state {@code name} (under its one key). */
    private <V> List<String> stateKeys(String name, TypeInformation<V> valueType) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String k :
                keyedState()
                        .getMapState(new MapStateDescriptor<>(name, Types.STRING, valueType))
                        .keys()) {
            keys.add(k);
        }
        return keys;
    }

    private KeyedStateStore keyedState() {
        harness.getOperator().setCurrentKey(0);
        return harness.getOperator().getKeyedStateStore();
    }
}
