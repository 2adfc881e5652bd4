package dev.exdetect.features.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.hash.Hashing;
import dev.exdetect.features.sketch.HyperLogLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java parts of cross-client linkage: rarity, shared items, activity, links, clusters.
 */
class LinkageModelTest {
    private static final long MIN = 60_000L;
    private static final long DAY = 24 * 60 * MIN;

    @Test
    void rarityWeightsFallFromOneToZeroAsAnItemBecomesCommon() {
        assertThat(LinkSignal.SUBNET.weight(1, 1)).as("nobody to link").isZero();
        assertThat(LinkSignal.SUBNET.weight(2, 2)).isEqualTo(1.0);
        assertThat(LinkSignal.SUBNET.weight(256, 256)).as("common").isZero();
        double previous = 1.1;
        for (int clients = 2; clients < 256; clients += 17) {
            double w = LinkSignal.SUBNET.weight(clients, 1);
            assertThat(w).isBetween(0.0, 1.0).isLessThan(previous);
            previous = w;
        }
        // Non-network signals count origins: 50 accounts from one subnet share params rarely...
        assertThat(LinkSignal.PARAMS.weight(50, 1)).isEqualTo(1.0);
        // ... while a parameter set used from 16 subnets or more links nobody.
        assertThat(LinkSignal.PARAMS.weight(50, 16)).isZero();
        assertThat(LinkSignal.PARAMS.weight(3, 4))
                .isCloseTo(1 - Math.log(4) / Math.log(16), within(1e-12));
    }

    @Test
    void aSharedItemReturnsTheEarlierClientsOnceAndForgetsAfterTheWindow() {
        SharedItem item = SharedItem.empty();
        assertThat(item.arrive("a", "s1", 0, DAY)).isEmpty();
        assertThat(item.arrive("b", "s1", MIN, DAY)).containsExactly("a");
        assertThat(item.arrive("a", "s1", 2 * MIN, DAY)).as("a was there already").isEmpty();
        assertThat(item.arrive("c", "s2", 3 * MIN, DAY)).containsExactlyInAnyOrder("a", "b");
        assertThat(item.distinctClients()).isEqualTo(3);
        assertThat(item.distinctOrigins()).isEqualTo(2);
        // A day later the old users are forgotten.
        assertThat(item.arrive("d", "s3", 3 * MIN + DAY + 1, DAY)).isEmpty();
        assertThat(item.distinctClients()).isEqualTo(1);
    }

    @Test
    void aSharedItemStaysBoundedAndCountsWhatItCannotRemember() {
        SharedItem item = SharedItem.empty();
        for (int i = 0; i < 200; i++) {
            item.arrive("c" + i, "s" + (i % 7), i, DAY);
        }
        assertThat(item.size).isEqualTo(SharedItem.CAPACITY);
        assertThat(item.clients).hasSize(SharedItem.CAPACITY);
        assertThat(item.distinctClients()).isEqualTo(200);
    }

    @Test
    void pendingLinksAreReleasedAtTheirDueTimeInOrder() {
        SharedItem item = SharedItem.empty();
        item.addPending("b", new String[] {"a"}, 100);
        item.addPending("c", new String[] {"a", "b"}, 50);
        assertThat(item.nextDue()).isEqualTo(50);
        assertThat(item.takeDue(60))
                .extracting(SharedItem.PendingLink::newClient)
                .containsExactly("c", "c");
        assertThat(item.takeDue(99)).isEmpty();
        assertThat(item.takeDue(100))
                .singleElement()
                .satisfies(p -> assertThat(p.earlierClient()).isEqualTo("a"));
        assertThat(item.nextDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void activitySimilarityIsTheJaccardOfActiveSlots() {
        ActivityPattern a = ActivityPattern.empty();
        ActivityPattern b = ActivityPattern.empty();
        long slot = ActivityPattern.SLOT_MILLIS;
        long t0 = 1_000 * slot;
        for (int i = 0; i < 10; i++) {
            a.add(t0 + i * slot); // slots 0..9
        }
        for (int i = 5; i < 15; i++) {
            b.add(t0 + i * slot + 1000); // slots 5..14
        }
        // Both in 5..9 (5 slots), either in 0..14 (15 slots).
        assertThat(ActivityPattern.similarity(a, b, 6)).isCloseTo(5.0 / 15, within(1e-12));
        assertThat(ActivityPattern.similarity(a, a, 6)).isEqualTo(1.0);
        assertThat(ActivityPattern.similarity(a, b, 16))
                .as("too little activity to judge")
                .isZero();
        // Activity older than a day is gone.
        a.add(t0 + ActivityPattern.SLOTS * slot + 20 * slot);
        assertThat(a.active(Math.floorDiv(t0, slot))).isFalse();
    }

    @Test
    void aStrongLinkNeedsNetworkEvidenceAndAnotherIndependentKind() {
        LinkPolicy policy = LinkPolicy.defaults();
        LinkEdge colleagues = LinkEdge.between("x", "y");
        colleagues.add(LinkSignal.SUBNET, 0.8, 0);
        colleagues.add(LinkSignal.USER_AGENT, 0.9, 0);
        assertThat(policy.strong(colleagues.groupWeights))
                .as("a NAT and a browser: not one actor")
                .isFalse();

        LinkEdge appUsers = LinkEdge.between("x", "y");
        appUsers.add(LinkSignal.TEMPLATE, 1.0, 0);
        appUsers.add(LinkSignal.PARAMS, 1.0, 0);
        assertThat(policy.strong(appUsers.groupWeights)).as("no shared origin").isFalse();

        LinkEdge campaign = LinkEdge.between("y", "x");
        campaign.add(LinkSignal.SUBNET, 0.5, 0);
        campaign.add(LinkSignal.PARAMS, 0.9, 1);
        assertThat(policy.strong(campaign.groupWeights)).isTrue();
        assertThat(campaign.a).isEqualTo("x");
        assertThat(LinkEdge.key("y", "x")).isEqualTo(LinkEdge.key("x", "y"));
        assertThat(campaign.lastEvidence).isEqualTo(1);
    }

    @Test
    void theUnionOfSketchesEstimatesTheDistinctItemsOfAll() {
        HyperLogLog a = HyperLogLog.create();
        HyperLogLog b = HyperLogLog.create();
        for (long i = 0; i < 3000; i++) {
            a.add(Hashing.mix64(i));
        }
        for (long i = 2000; i < 5000; i++) {
            b.add(Hashing.mix64(i));
        }
        double union = HyperLogLog.unionEstimate(List.of(a, b));
        assertThat(union)
                .isCloseTo(5000, within(5000 * 4 * 1.04 / Math.sqrt(HyperLogLog.REGISTERS)));
        assertThat(a.estimate()).as("inputs unchanged").isCloseTo(3000, within(3000 * 0.2));
    }

    @Test
    void clusterFeaturesAggregateTheMembers() {
        long t = 10 * 60 * MIN;
        MemberProfile p = MemberProfile.create("x", "x", null);
        MemberProfile q = MemberProfile.create("y", "y", null);
        for (int i = 0; i < 30; i++) {
            p.add(t - i * MIN, Hashing.mix64(i)); // cells 0..29
            q.add(t - i * MIN, Hashing.mix64(100 + i)); // cells 100..129: disjoint
        }
        for (int i = 0; i < 10; i++) {
            q.add(t - i * 1000, Hashing.mix64(100 + i));
        }
        LinkEdge edge = LinkEdge.between("x", "y");
        edge.add(LinkSignal.SUBNET, 0.5, t);
        edge.add(LinkSignal.PARAMS, 1.0, t);
        FeatureVector v = ClusterFeatures.compute(List.of(p, q), List.of(edge), t);
        assertThat(v.get(Feature.CLUSTER_SIZE)).isEqualTo(2);
        assertThat(v.get(Feature.CLUSTER_REQUESTS_LAST_DAY)).isEqualTo(70);
        assertThat(v.get(Feature.CLUSTER_MAX_MEMBER_SHARE)).isCloseTo(40.0 / 70, within(1e-12));
        assertThat(v.get(Feature.CLUSTER_CELL_OVERLAP))
                .as("disjoint coverage")
                .isCloseTo(1.0, within(0.1));
        assertThat(v.get(Feature.CLUSTER_LINK_STRENGTH)).isCloseTo(1.5, within(1e-12));
        assertThat(v.get(Feature.CLUSTER_ACTIVITY_SYNC)).isBetween(0.0, 1.0);
    }
}
