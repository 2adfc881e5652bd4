package dev.exdetect.evaluation.worlds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.world.World;
import dev.exdetect.simulation.world.WorldParser;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring one defence on one world: shares of budget, campaigns member by member, apps. */
class DefenceScoreTest {
    // 0, 1: distillers (budget 100); 2, 3: one Sybil campaign (50 each); 4: an app; 5: a person.
    private static final List<WorldClient> CLIENTS =
            List.of(
                    new WorldClient(0, "a", Family.DISTILLATION, "distillation", false, 100, null),
                    new WorldClient(1, "b", Family.DISTILLATION, "distillation", false, 100, null),
                    new WorldClient(
                            2, "c", Family.SYBIL, "residential-sybil", false, 50, "sybil-1"),
                    new WorldClient(
                            3, "d", Family.SYBIL, "residential-sybil", false, 50, "sybil-1"),
                    new WorldClient(
                            4, "e", Family.TEMPLATE_APP, "template-app-timer", true, 0, null),
                    new WorldClient(5, "f", Family.INTERACTIVE_USER, "chat-user", false, 0, null));

    /** Every request of an attacker is an attack query, except client 1's odd ones. */
    private static TrafficWriter.Written traffic() {
        BitSet[] attack = new BitSet[CLIENTS.size()];
        for (int i = 0; i < attack.length; i++) {
            attack[i] = new BitSet();
            if (CLIENTS.get(i).attack()) {
                for (int s = 1; s <= 200; s++) {
                    if (i != 1 || s % 2 == 0) {
                        attack[i].set(s);
                    }
                }
            }
        }
        return new TrafficWriter.Written(List.of(), 0, attack);
    }

    @Test
    void sharesOfBudgetCampaignsAndAppsAreCountedAsTheyHappened() {
        // Alerts: a at 10, b at 40 (20 attack queries), c at 10, the app at 5. Enforcement: a at
        // 30, the app at 7.
        long[] alert = {10, 40, 10, -1, 5, -1};
        long[] enforce = {30, -1, -1, -1, 7, -1};
        DefenceScore s =
                DefenceScore.score("d", "", CLIENTS, i -> alert[i], i -> enforce[i], traffic());

        DefenceScore.AttackRow distillation = s.attackArchetypes().get(0);
        assertThat(distillation.clients()).isEqualTo(2);
        assertThat(distillation.flagged()).isEqualTo(2);
        assertThat(distillation.enforced()).isEqualTo(1);
        assertThat(distillation.medianShareAtFlag()).isEqualTo((0.10 + 0.20) / 2);
        assertThat(distillation.medianShareAtEnforcement()).isEqualTo(0.30);

        DefenceScore.CampaignRow sybil = s.campaigns().get(0);
        assertThat(sybil.members()).isEqualTo(2);
        assertThat(sybil.membersFlagged()).isEqualTo(1);
        assertThat(sybil.campaigns()).isEqualTo(1);
        assertThat(sybil.campaignsFlagged()).isEqualTo(1);
        assertThat(sybil.membersFlaggedBefore25()).isEqualTo(1);
        // One member at 10 / 50, the other never: the median is beyond.
        assertThat(sybil.medianMemberShareAtFlag()).isInfinite();

        assertThat(s.benignArchetypes())
                .extracting(
                        DefenceScore.BenignRow::archetype,
                        DefenceScore.BenignRow::alerted,
                        DefenceScore.BenignRow::enforced)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("template-app-timer", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("chat-user", 0, 0));
        DefenceScore.Totals t = s.totals();
        assertThat(t.attackClients()).isEqualTo(4);
        assertThat(t.attackFlagged()).isEqualTo(3);
        assertThat(t.attackEnforced()).isEqualTo(1);
        // Shares 0.1, 0.2, 0.2, beyond: median (0.2 + 0.2) / 2.
        assertThat(t.medianShareAtFlag()).isEqualTo(0.2);
        assertThat(t.benignEnforced()).isEqualTo(1);
        assertThat(t.appArchetypesEnforced()).containsExactly("template-app-timer");
        assertThat(t.worstFamily()).isEqualTo("sybil");
        assertThat(t.worstFamilyShare()).isEqualTo(0.5);
        assertThat(t.campaignMembersFlagged()).isEqualTo(1);
        assertThat(s.attackFamilies())
                .extracting(DefenceScore.AttackRow::name)
                .containsExactly("distillation", "sybil");

        World w =
                WorldParser.parse(
                        "seed: 1\nstart: 2026-11-02T00:00:00Z\nduration: 1h\nvictim: {data:"
                                + " synthetic}\ncorpus: built-in\ncohorts:\n  - {archetype:"
                                + " chat-user, count: 1}\n",
                        "w.yaml",
                        "w");
        List<Target.Worst> worst =
                Target.worst(
                        List.of(new WorldScore(w, "report", "", "", 6, 4, 0, 0, 0, 0, List.of(s))));
        Target.Worst enforced =
                worst.stream()
                        .filter(x -> x.target().id().equals("benign_enforced_share"))
                        .findFirst()
                        .orElseThrow();
        assertThat(enforced.world()).isEqualTo("w");
        assertThat(enforced.value()).isEqualTo(0.5);
        assertThat(enforced.met()).isFalse();
        assertThat(worst).hasSize(Target.ALL.size());
    }
}
