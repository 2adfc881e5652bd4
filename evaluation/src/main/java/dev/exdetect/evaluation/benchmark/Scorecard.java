package dev.exdetect.evaluation.benchmark;

import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.simulation.profile.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * How well one defence did on a simulated population, per family: for attack families the share of
 * clients flagged, the median attack queries spent up to the flag and the median share of the
 * budget; for benign families the share alerted on and enforced on. Also the targets.
 */
public final class Scorecard {
    /** Benign families that must never be enforced on. */
    public static final List<Family> NEVER_ENFORCE =
            List.of(Family.TEMPLATE_APP, Family.FAQ_BOT, Family.BATCH_SCORING);

    /**
     * One simulated client.
     *
     * @param index its index in the simulation
     * @param clientId its id
     * @param family its family
     * @param budget its attack budget (0 for benign clients)
     */
    public record Client(int index, String clientId, Family family, long budget) {}

    /**
     * An attack family's row.
     *
     * @param family family id
     * @param clients attack clients (Sybil: accounts)
     * @param flagged clients flagged before their budget was spent
     * @param medianQueries median attack queries spent up to and including the flag (flagged
     *     clients; NaN if none)
     * @param medianShare median share of the budget spent at the flag (flagged clients; NaN if
     *     none)
     */
    public record AttackRow(
            String family, int clients, int flagged, double medianQueries, double medianShare) {}

    /**
     * A benign family's row.
     *
     * @param family family id
     * @param clients clients
     * @param alerted clients with a flag of alert strength (detector: MEDIUM or more)
     * @param enforced clients with an enforcing flag (detector: DEGRADE, THROTTLE or BLOCK)
     */
    public record BenignRow(String family, int clients, int alerted, int enforced) {}

    /**
     * The targets, as measured.
     *
     * @param familiesWithNoneFlagged attack families of which no client was flagged
     * @param attackFlaggedShare share of all attack clients flagged
     * @param medianShareAllAttackers median share of budget at flag over all attack clients, an
     *     unflagged one counting as beyond its budget (so +Infinity when half are missed)
     * @param benignEnforcedShare share of benign clients enforced on
     * @param benignAlertedShare share of benign clients alerted on
     * @param protectedFamiliesEnforced template apps, FAQ bots and batch jobs enforced on
     */
    public record Targets(
            List<String> familiesWithNoneFlagged,
            double attackFlaggedShare,
            double medianShareAllAttackers,
            double benignEnforcedShare,
            double benignAlertedShare,
            int protectedFamiliesEnforced) {
        /** Whether every target of the issue is met. */
        public boolean allMet() {
            return familiesWithNoneFlagged.isEmpty()
                    && attackFlaggedShare >= 0.95
                    && medianShareAllAttackers <= 0.05
                    && benignEnforcedShare <= 0.005
                    && benignAlertedShare <= 0.01
                    && protectedFamiliesEnforced == 0;
        }
    }

    private final String defence;
    private final String setting;
    private final List<AttackRow> attacks;
    private final List<BenignRow> benign;
    private final Targets targets;

    private Scorecard(
            String defence,
            String setting,
            List<AttackRow> attacks,
            List<BenignRow> benign,
            Targets targets) {
        this.defence = defence;
        this.setting = setting;
        this.attacks = attacks;
        this.benign = benign;
        this.targets = targets;
    }

    /**
     * Scores a defence.
     *
     * @param alertSeq per client index: request number of its first alert-strength flag, or -1
     * @param enforceSeq per client index: request number of its first enforcing flag, or -1
     * @param traffic which requests were attack queries
     */
    public static Scorecard score(
            String defence,
            String setting,
            List<Client> clients,
            IntToLongFunction alertSeq,
            IntToLongFunction enforceSeq,
            TrafficWriter.Written traffic) {
        List<AttackRow> attackRows = new ArrayList<>();
        List<String> missedFamilies = new ArrayList<>();
        List<Double> allShares = new ArrayList<>();
        int attackClients = 0;
        int attackFlagged = 0;
        for (Family f : Family.attacks()) {
            List<Double> queries = new ArrayList<>();
            List<Double> shares = new ArrayList<>();
            int n = 0;
            for (Client c : clients) {
                if (c.family() != f) {
                    continue;
                }
                n++;
                long flag =
                        flagSeq(alertSeq.applyAsLong(c.index()), enforceSeq.applyAsLong(c.index()));
                if (flag < 0) {
                    // Never flagged: it spent its whole budget, so it counts as beyond it.
                    allShares.add(Double.POSITIVE_INFINITY);
                    continue;
                }
                long spent = traffic.attackQueriesUpTo(c.index(), flag);
                queries.add((double) spent);
                shares.add((double) spent / c.budget());
                allShares.add((double) spent / c.budget());
            }
            if (n == 0) {
                continue;
            }
            attackClients += n;
            attackFlagged += queries.size();
            if (queries.isEmpty()) {
                missedFamilies.add(f.id());
            }
            attackRows.add(
                    new AttackRow(f.id(), n, queries.size(), median(queries), median(shares)));
        }
        List<BenignRow> benignRows = new ArrayList<>();
        int benignClients = 0;
        int benignAlerted = 0;
        int benignEnforced = 0;
        int protectedEnforced = 0;
        for (Family f : Family.benign()) {
            int n = 0;
            int alerted = 0;
            int enforced = 0;
            for (Client c : clients) {
                if (c.family() != f) {
                    continue;
                }
                n++;
                boolean enf = enforceSeq.applyAsLong(c.index()) >= 0;
                if (alertSeq.applyAsLong(c.index()) >= 0 || enf) {
                    alerted++;
                }
                if (enf) {
                    enforced++;
                    if (NEVER_ENFORCE.contains(f)) {
                        protectedEnforced++;
                    }
                }
            }
            if (n == 0) {
                continue;
            }
            benignClients += n;
            benignAlerted += alerted;
            benignEnforced += enforced;
            benignRows.add(new BenignRow(f.id(), n, alerted, enforced));
        }
        Targets targets =
                new Targets(
                        List.copyOf(missedFamilies),
                        share(attackFlagged, attackClients),
                        median(allShares),
                        share(benignEnforced, benignClients),
                        share(benignAlerted, benignClients),
                        protectedEnforced);
        return new Scorecard(
                defence, setting, List.copyOf(attackRows), List.copyOf(benignRows), targets);
    }

    /** The first of two request numbers that are set (-1 = not set). */
    public static long flagSeq(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    /** The median, NaN for no values. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    /** The defence's name. */
    public String defence() {
        return defence;
    }

    /** Its threshold or configuration, for people. */
    public String setting() {
        return setting;
    }

    /** Rows of the attack families. */
    public List<AttackRow> attacks() {
        return attacks;
    }

    /** Rows of the benign families. */
    public List<BenignRow> benign() {
        return benign;
    }

    /** The targets as measured. */
    public Targets targets() {
        return targets;
    }
}
