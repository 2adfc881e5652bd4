package dev.exdetect.evaluation.worlds;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A target of issue 12, measured on each report world from a defence's totals; the worst world is
 * the one furthest from it.
 *
 * @param id short name in the JSON report
 * @param description what is measured, for people
 * @param higherIsBetter whether the target is a minimum (else a maximum)
 * @param goal the target value, or NaN for a measure without one
 * @param value the measure on one world's totals (NaN when the world has nothing to measure)
 * @param detail what to name next to the value (a family, archetypes), or null
 */
public record Target(
        String id,
        String description,
        boolean higherIsBetter,
        double goal,
        Function<DefenceScore.Totals, Double> value,
        Function<DefenceScore.Totals, String> detail) {

    /**
     * The worst report world for one target and defence.
     *
     * @param target the target
     * @param defence the defence
     * @param world the worst world, or null when no world measured it
     * @param value its value there
     * @param detail what the value is about there, or null
     * @param worldsMeeting report worlds meeting the target
     * @param worlds report worlds that measured it
     */
    public record Worst(
            Target target,
            String defence,
            String world,
            double value,
            String detail,
            int worldsMeeting,
            int worlds) {
        /** Whether every report world meets the target (false for a measure without a goal). */
        public boolean met() {
            return !Double.isNaN(target.goal()) && worlds > 0 && worldsMeeting == worlds;
        }
    }

    /** The targets, in the order. */
    public static final List<Target> ALL =
            List.of(
                    new Target(
                            "benign_enforced_share",
                            "benign clients enforced on",
                            false,
                            0.005,
                            t -> share(t.benignEnforced(), t.benignClients()),
                            t -> null),
                    new Target(
                            "app_archetypes_enforced",
                            "legitimate-app archetypes with a client enforced on",
                            false,
                            0,
                            t -> (double) t.appArchetypesEnforced().size(),
                            t ->
                                    t.appArchetypesEnforced().isEmpty()
                                            ? null
                                            : String.join(", ", t.appArchetypesEnforced())),
                    new Target(
                            "benign_alerted_share",
                            "benign clients alerted (MEDIUM or higher, or enforced on)",
                            false,
                            0.01,
                            t -> share(t.benignAlerted(), t.benignClients()),
                            t -> null),
                    new Target(
                            "attack_flagged_share",
                            "attack accounts flagged",
                            true,
                            0.95,
                            t -> share(t.attackFlagged(), t.attackClients()),
                            t -> null),
                    new Target(
                            "worst_family_flagged_share",
                            "accounts flagged in the worst attack family",
                            true,
                            0.80,
                            t -> t.worstFamilyShare(),
                            t -> t.worstFamily()),
                    new Target(
                            "campaign_members_flagged_share",
                            "Sybil and hydra members flagged, one by one (as every family: 80%)",
                            true,
                            0.80,
                            t -> share(t.campaignMembersFlagged(), t.campaignMembers()),
                            t -> null),
                    new Target(
                            "median_share_at_flag",
                            "median share of budget at the flag (all attack accounts, missed ="
                                    + " beyond)",
                            false,
                            0.05,
                            t -> t.medianShareAtFlag(),
                            t -> null),
                    new Target(
                            "sybil_median_member_share_at_flag",
                            "median share of a Sybil member's own budget at its flag (missed ="
                                    + " beyond)",
                            false,
                            0.25,
                            t -> t.sybilMedianMemberShareAtFlag(),
                            t -> null),
                    new Target(
                            "worst_archetype_flagged_share",
                            "accounts flagged in the worst attack archetype (no target; for"
                                    + " reading)",
                            true,
                            Double.NaN,
                            t -> t.worstArchetypeShare(),
                            t -> t.worstArchetype()));

    /** Whether {@code v} meets the target. */
    public boolean meets(double v) {
        if (Double.isNaN(goal) || Double.isNaN(v)) {
            return false;
        }
        return higherIsBetter ? v >= goal : v <= goal;
    }

    /** For every defence and target, the worst of {@code reports}. */
    public static List<Worst> worst(List<WorldScore> reports) {
        List<Worst> out = new ArrayList<>();
        if (reports.isEmpty()) {
            return out;
        }
        List<String> defences =
                reports.get(0).defences().stream().map(DefenceScore::defence).toList();
        for (int d = 0; d < defences.size(); d++) {
            for (Target t : ALL) {
                String world = null;
                double worst = Double.NaN;
                String detail = null;
                int meeting = 0;
                int measured = 0;
                for (WorldScore w : reports) {
                    DefenceScore.Totals totals = w.defences().get(d).totals();
                    double v = t.value().apply(totals);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    measured++;
                    meeting += t.meets(v) ? 1 : 0;
                    if (world == null || (t.higherIsBetter() ? v < worst : v > worst)) {
                        world = w.world().name();
                        worst = v;
                        detail = t.detail().apply(totals);
                    }
                }
                out.add(new Worst(t, defences.get(d), world, worst, detail, meeting, measured));
            }
        }
        return List.copyOf(out);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
