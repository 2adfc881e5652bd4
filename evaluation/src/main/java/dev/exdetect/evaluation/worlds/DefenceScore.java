package dev.exdetect.evaluation.worlds;

import dev.exdetect.evaluation.benchmark.Scorecard;
import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.simulation.profile.Family;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToLongFunction;

/**
 * How one defence did on one world, with n everywhere: per attack archetype and per attack family
 * the accounts flagged (alert MEDIUM or higher, or any enforcement) and enforced on, and the median
 * share of the budget spent at the first flag and at the first enforcement; per Sybil and hydra
 * archetype the members flagged one by one and the share of their own budget at the flag; per
 * benign archetype the clients alerted and enforced on.
 *
 * @param defence its name
 * @param setting its threshold or configuration, for people
 * @param attackArchetypes one row per attack archetype, in world order
 * @param attackFamilies one row per attack family present
 * @param campaigns one row per Sybil or hydra archetype
 * @param benignArchetypes one row per benign archetype, in world order
 * @param totals the world's totals and the measures
 */
public record DefenceScore(
        String defence,
        String setting,
        List<AttackRow> attackArchetypes,
        List<AttackRow> attackFamilies,
        List<CampaignRow> campaigns,
        List<BenignRow> benignArchetypes,
        Totals totals) {

    /** Families counted as campaigns, member by member. */
    public static final Set<Family> CAMPAIGN_FAMILIES = Set.of(Family.SYBIL, Family.HYDRA);

    /**
     * Attack clients of an archetype or family.
     *
     * @param name archetype or family
     * @param family the family (for an archetype row)
     * @param clients accounts
     * @param flagged accounts flagged
     * @param enforced accounts enforced on
     * @param medianShareAtFlag median over flagged accounts of the share of the budget spent up to
     *     and including the flag (NaN if none)
     * @param medianShareAtEnforcement the same at the first enforcement (NaN if none)
     * @param medianQueriesAtFlag median attack queries spent up to the flag (NaN if none)
     */
    public record AttackRow(
            String name,
            String family,
            int clients,
            int flagged,
            int enforced,
            double medianShareAtFlag,
            double medianShareAtEnforcement,
            double medianQueriesAtFlag) {}

    /**
     * The members of an archetype's Sybil campaigns or hydra chains, one by one.
     *
     * @param archetype the archetype
     * @param family sybil or hydra
     * @param campaigns campaigns (chains)
     * @param campaignsFlagged campaigns with at least one member flagged
     * @param members accounts
     * @param membersFlagged accounts flagged
     * @param medianMemberShareAtFlag median over all members of the share of their own budget at
     *     their flag, an unflagged member counting as beyond its budget
     * @param membersFlaggedBefore25 members flagged before a quarter of their own budget
     */
    public record CampaignRow(
            String archetype,
            String family,
            int campaigns,
            int campaignsFlagged,
            int members,
            int membersFlagged,
            double medianMemberShareAtFlag,
            int membersFlaggedBefore25) {}

    /**
     * Benign clients of an archetype.
     *
     * @param archetype the archetype
     * @param family the family
     * @param app a legitimate application or group
     * @param clients clients
     * @param alerted alerted MEDIUM or higher, or enforced on
     * @param enforced enforced on
     */
    public record BenignRow(
            String archetype, String family, boolean app, int clients, int alerted, int enforced) {}

    /**
     * A world's totals.
     *
     * @param attackClients attack accounts
     * @param attackFlagged of which flagged
     * @param attackEnforced of which enforced on
     * @param medianShareAtFlag median over all attack accounts of the share of the budget at the
     *     flag, an unflagged one counting as beyond (+Infinity when half are missed)
     * @param benignClients benign clients
     * @param benignAlerted of which alerted (MEDIUM or higher, or enforced on)
     * @param benignEnforced of which enforced on
     * @param appArchetypesEnforced legitimate-application archetypes with a client enforced on
     * @param worstFamily the attack family with the lowest share flagged
     * @param worstFamilyShare its share
     * @param worstArchetype the attack archetype with the lowest share flagged
     * @param worstArchetypeShare its share
     * @param campaignMembers Sybil and hydra accounts
     * @param campaignMembersFlagged of which flagged, one by one
     * @param sybilMedianMemberShareAtFlag median over Sybil accounts of the share of their own
     *     budget at their flag, unflagged ones beyond (NaN without Sybil accounts)
     */
    public record Totals(
            int attackClients,
            int attackFlagged,
            int attackEnforced,
            double medianShareAtFlag,
            int benignClients,
            int benignAlerted,
            int benignEnforced,
            List<String> appArchetypesEnforced,
            String worstFamily,
            double worstFamilyShare,
            String worstArchetype,
            double worstArchetypeShare,
            int campaignMembers,
            int campaignMembersFlagged,
            double sybilMedianMemberShareAtFlag) {}

    /**
     * Scores a defence.
     *
     * @param alertSeq per client index: request number of its first alert-strength flag, or -1
     * @param enforceSeq per client index: request number of its first enforcement, or -1
     * @param traffic which requests were attack queries
     */
    public static DefenceScore score(
            String defence,
            String setting,
            List<WorldClient> clients,
            IntToLongFunction alertSeq,
            IntToLongFunction enforceSeq,
            TrafficWriter.Written traffic) {
        Map<String, List<WorldClient>> byArchetype = new LinkedHashMap<>();
        Map<Family, List<WorldClient>> byFamily = new LinkedHashMap<>();
        for (WorldClient c : clients) {
            byArchetype.computeIfAbsent(c.archetype(), k -> new ArrayList<>()).add(c);
            if (c.attack()) {
                byFamily.computeIfAbsent(c.family(), k -> new ArrayList<>()).add(c);
            }
        }
        Outcomes o = new Outcomes(clients, alertSeq, enforceSeq, traffic);
        List<AttackRow> archetypeRows = new ArrayList<>();
        List<CampaignRow> campaignRows = new ArrayList<>();
        List<BenignRow> benignRows = new ArrayList<>();
        List<String> appsEnforced = new ArrayList<>();
        for (Map.Entry<String, List<WorldClient>> e : byArchetype.entrySet()) {
            List<WorldClient> members = e.getValue();
            WorldClient first = members.get(0);
            if (first.attack()) {
                archetypeRows.add(o.row(e.getKey(), first.family().id(), members));
                if (CAMPAIGN_FAMILIES.contains(first.family())) {
                    campaignRows.add(o.campaigns(e.getKey(), first.family().id(), members));
                }
            } else {
                int alerted = 0;
                int enforced = 0;
                for (WorldClient c : members) {
                    alerted += o.flag(c) >= 0 ? 1 : 0;
                    enforced += o.enforcement(c) >= 0 ? 1 : 0;
                }
                benignRows.add(
                        new BenignRow(
                                e.getKey(),
                                first.family().id(),
                                first.app(),
                                members.size(),
                                alerted,
                                enforced));
                if (first.app() && enforced > 0) {
                    appsEnforced.add(e.getKey());
                }
            }
        }
        List<AttackRow> familyRows = new ArrayList<>();
        for (Family f : Family.inWorlds()) {
            if (byFamily.containsKey(f)) {
                familyRows.add(o.row(f.id(), f.id(), byFamily.get(f)));
            }
        }
        return new DefenceScore(
                defence,
                setting,
                List.copyOf(archetypeRows),
                List.copyOf(familyRows),
                List.copyOf(campaignRows),
                List.copyOf(benignRows),
                o.totals(familyRows, archetypeRows, benignRows, appsEnforced));
    }

    /** The flags of every client, and the shares of budget they came at. */
    private static final class Outcomes {
        final List<WorldClient> clients;
        final IntToLongFunction alertSeq;
        final IntToLongFunction enforceSeq;
        final TrafficWriter.Written traffic;

        Outcomes(
                List<WorldClient> clients,
                IntToLongFunction alertSeq,
                IntToLongFunction enforceSeq,
                TrafficWriter.Written traffic) {
            this.clients = clients;
            this.alertSeq = alertSeq;
            this.enforceSeq = enforceSeq;
            this.traffic = traffic;
        }

        long flag(WorldClient c) {
            return Scorecard.flagSeq(
                    alertSeq.applyAsLong(c.index()), enforceSeq.applyAsLong(c.index()));
        }

        long enforcement(WorldClient c) {
            return enforceSeq.applyAsLong(c.index());
        }

        /** Share of the budget spent up to request {@code seq}; +Infinity when never. */
        double share(WorldClient c, long seq) {
            return seq < 0
                    ? Double.POSITIVE_INFINITY
                    : (double) traffic.attackQueriesUpTo(c.index(), seq) / c.budget();
        }

        AttackRow row(String name, String family, List<WorldClient> members) {
            List<Double> flagShares = new ArrayList<>();
            List<Double> enforceShares = new ArrayList<>();
            List<Double> queries = new ArrayList<>();
            for (WorldClient c : members) {
                long f = flag(c);
                if (f >= 0) {
                    flagShares.add(share(c, f));
                    queries.add((double) traffic.attackQueriesUpTo(c.index(), f));
                }
                long e = enforcement(c);
                if (e >= 0) {
                    enforceShares.add(share(c, e));
                }
            }
            return new AttackRow(
                    name,
                    family,
                    members.size(),
                    flagShares.size(),
                    enforceShares.size(),
                    Scorecard.median(flagShares),
                    Scorecard.median(enforceShares),
                    Scorecard.median(queries));
        }

        CampaignRow campaigns(String archetype, String family, List<WorldClient> members) {
            Map<String, Boolean> flaggedCampaigns = new LinkedHashMap<>();
            List<Double> shares = new ArrayList<>();
            int flagged = 0;
            int early = 0;
            for (WorldClient c : members) {
                double s = share(c, flag(c));
                shares.add(s);
                boolean hit = flag(c) >= 0;
                flagged += hit ? 1 : 0;
                early += s < 0.25 ? 1 : 0;
                flaggedCampaigns.merge(String.valueOf(c.campaign()), hit, Boolean::logicalOr);
            }
            return new CampaignRow(
                    archetype,
                    family,
                    flaggedCampaigns.size(),
                    (int) flaggedCampaigns.values().stream().filter(b -> b).count(),
                    members.size(),
                    flagged,
                    Scorecard.median(shares),
                    early);
        }

        Totals totals(
                List<AttackRow> families,
                List<AttackRow> archetypes,
                List<BenignRow> benign,
                List<String> appsEnforced) {
            int attack = 0;
            int flagged = 0;
            int enforced = 0;
            int benignN = 0;
            int benignAlerted = 0;
            int benignEnforced = 0;
            int members = 0;
            int membersFlagged = 0;
            List<Double> shares = new ArrayList<>();
            List<Double> sybilShares = new ArrayList<>();
            for (WorldClient c : clients) {
                long f = flag(c);
                long e = enforcement(c);
                if (c.attack()) {
                    attack++;
                    flagged += f >= 0 ? 1 : 0;
                    enforced += e >= 0 ? 1 : 0;
                    double s = share(c, f);
                    shares.add(s);
                    if (CAMPAIGN_FAMILIES.contains(c.family())) {
                        members++;
                        membersFlagged += f >= 0 ? 1 : 0;
                    }
                    if (c.family() == Family.SYBIL) {
                        sybilShares.add(s);
                    }
                } else {
                    benignN++;
                    benignAlerted += f >= 0 ? 1 : 0;
                    benignEnforced += e >= 0 ? 1 : 0;
                }
            }
            AttackRow worstFamily = worst(families);
            AttackRow worstArchetype = worst(archetypes);
            return new Totals(
                    attack,
                    flagged,
                    enforced,
                    Scorecard.median(shares),
                    benignN,
                    benignAlerted,
                    benignEnforced,
                    List.copyOf(appsEnforced),
                    worstFamily == null ? null : worstFamily.name(),
                    worstFamily == null ? Double.NaN : share(worstFamily),
                    worstArchetype == null ? null : worstArchetype.name(),
                    worstArchetype == null ? Double.NaN : share(worstArchetype),
                    members,
                    membersFlagged,
                    Scorecard.median(sybilShares));
        }

        private static AttackRow worst(List<AttackRow> rows) {
            AttackRow w = null;
            for (AttackRow r : rows) {
                if (w == null || share(r) < share(w)) {
                    w = r;
                }
            }
            return w;
        }

        private static double share(AttackRow r) {
            return (double) r.flagged() / r.clients();
        }
    }
}
