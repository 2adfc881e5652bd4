package dev.exdetect.evaluation.audit;

import dev.exdetect.evaluation.audit.Audit.Fidelity;
import dev.exdetect.evaluation.audit.Audit.Leak;
import dev.exdetect.evaluation.audit.Audit.Moment;
import dev.exdetect.evaluation.audit.Audit.Result;
import dev.exdetect.evaluation.audit.Audit.Settings;
import dev.exdetect.evaluation.audit.Gateway.Treatment;
import dev.exdetect.evaluation.run.TrafficWriter;
import dev.exdetect.evaluation.run.Verdicts;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.victim.StolenAnswers;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Works out an audit's findings from the attack's requests and the detector's verdicts: when the
 * attack was caught (counted in attack queries of the whole attack, in event-time order), what a
 * gateway obeying the commands gave it, and how good a copy it could build at each point.
 */
final class AuditAccounting {
    private AuditAccounting() {}

    static Result account(
            Settings s,
            List<SimClient> sims,
            Map<Integer, Integer> attackers,
            List<AttackQuery> queries,
            TrafficWriter.Written traffic,
            Verdicts verdicts,
            double detectSeconds) {
        // Attack queries sent by the whole attack up to each of its requests, in event-time order.
        long[] ordinal = new long[queries.size()];
        Map<String, Integer> position = new HashMap<>();
        long sent = 0;
        for (int k = 0; k < queries.size(); k++) {
            AttackQuery q = queries.get(k);
            sent += q.attack() ? 1 : 0;
            ordinal[k] = sent;
            position.put(q.clientId() + "#" + q.seq(), k);
        }
        Moment firstAlert = null;
        Moment firstMedium = null;
        Moment firstEnforcement = null;
        int accountsAlerted = 0;
        int accountsEnforced = 0;
        List<String> ids = new ArrayList<>();
        Map<Integer, Gateway> gateways = new HashMap<>();
        for (int i : attackers.keySet()) {
            String id = sims.get(i).clientId();
            ids.add(id);
            Verdicts.ClientVerdict v = verdicts.of(id);
            gateways.put(i, new Gateway(v.commands()));
            Verdicts.AlertHit a = v.firstAlert();
            Verdicts.AlertHit m = v.firstMediumAlert();
            Verdicts.CommandHit c = v.firstEnforcement();
            accountsAlerted += a == null ? 0 : 1;
            accountsEnforced += c == null ? 0 : 1;
            firstAlert = earlier(firstAlert, moment(id, a, position, ordinal, s.budget()));
            firstMedium = earlier(firstMedium, moment(id, m, position, ordinal, s.budget()));
            firstEnforcement =
                    earlier(
                            firstEnforcement,
                            c == null
                                    ? null
                                    : moment(
                                            id,
                                            c.seq(),
                                            c.timeMillis(),
                                            c.action().name(),
                                            List.of(),
                                            position,
                                            ordinal,
                                            s.budget()));
        }
        Treatment[] treatment = new Treatment[queries.size()];
        for (int k = 0; k < queries.size(); k++) {
            AttackQuery q = queries.get(k);
            treatment[k] = gateways.get(q.client()).next(q.timeMillis(), q.seq());
        }
        int enforcedAt = index(firstEnforcement, position, queries.size() - 1);
        Leak before = leak(queries, null, enforcedAt);
        Leak withDefence = leak(queries, treatment, queries.size() - 1);
        Fidelity fidelity = null;
        if (s.family().isVector()) {
            fidelity =
                    fidelity(
                            s,
                            queries,
                            ordinal,
                            treatment,
                            index(firstAlert, position, -1),
                            firstEnforcement == null ? -1 : enforcedAt);
        }
        int benignAlerted = 0;
        int benignEnforced = 0;
        for (int i = 0; i < sims.size(); i++) {
            if (!attackers.containsKey(i)) {
                Verdicts.ClientVerdict v = verdicts.of(sims.get(i).clientId());
                benignAlerted +=
                        v.firstMediumAlert() != null || v.firstEnforcement() != null ? 1 : 0;
                benignEnforced += v.firstEnforcement() != null ? 1 : 0;
            }
        }
        long attackRequests = queries.size();
        return new Result(
                s,
                List.copyOf(ids),
                traffic.records(),
                sims.size() - attackers.size(),
                sent,
                attackRequests,
                queries.isEmpty() ? 0 : queries.get(0).timeMillis(),
                queries.isEmpty() ? 0 : queries.get(queries.size() - 1).timeMillis(),
                firstAlert,
                firstMedium,
                firstEnforcement,
                accountsAlerted,
                accountsEnforced,
                before,
                withDefence,
                fidelity,
                benignAlerted,
                benignEnforced,
                detectSeconds);
    }

    private static Moment moment(
            String id,
            Verdicts.AlertHit a,
            Map<String, Integer> position,
            long[] ordinal,
            long budget) {
        return a == null
                ? null
                : moment(
                        id,
                        a.seq(),
                        a.timeMillis(),
                        a.severity(),
                        a.rules(),
                        position,
                        ordinal,
                        budget);
    }

    private static Moment moment(
            String id,
            long seq,
            long time,
            String what,
            List<String> rules,
            Map<String, Integer> position,
            long[] ordinal,
            long budget) {
        Integer k = position.get(id + "#" + seq);
        if (k == null) {
            throw new IllegalStateException(
                    "the detector names request " + id + "-" + seq + ", which was never sent");
        }
        return new Moment(id, seq, time, ordinal[k], (double) ordinal[k] / budget, what, rules);
    }

    private static Moment earlier(Moment a, Moment b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.timeMillis() < a.timeMillis()
                        || (b.timeMillis() == a.timeMillis()
                                && b.attackQueries() < a.attackQueries())
                ? b
                : a;
    }

    private static int index(Moment m, Map<String, Integer> position, int none) {
        return m == null ? none : position.get(m.clientId() + "#" + m.seq());
    }

    /** What the attack queries among the first {@code last + 1} requests got. */
    private static Leak leak(List<AttackQuery> queries, Treatment[] treatment, int last) {
        long full = 0;
        long degraded = 0;
        long refused = 0;
        long tokens = 0;
        long logprobs = 0;
        long probabilities = 0;
        for (int k = 0; k <= last; k++) {
            AttackQuery q = queries.get(k);
            if (!q.attack()) {
                continue;
            }
            Treatment t = treatment == null ? Treatment.FULL : treatment[k];
            switch (t) {
                case FULL -> {
                    full++;
                    tokens += q.tokens();
                    logprobs += q.logprobs() ? 1 : 0;
                    probabilities += q.probabilities() != null ? 1 : 0;
                }
                case DEGRADED -> {
                    degraded++;
                    tokens += q.tokens();
                }
                case REFUSED -> refused++;
            }
        }
        return new Leak(full, degraded, refused, tokens, logprobs, probabilities);
    }

    private static Fidelity fidelity(
            Settings s,
            List<AttackQuery> queries,
            long[] ordinal,
            Treatment[] treatment,
            int alertedAt,
            int enforcedAt) {
        VectorTask task = s.corpus().vectors();
        // The attacker builds its copy the way its attack does.
        StolenAnswers.Method method =
                s.family() == Family.EQUATION_SOLVING
                        ? StolenAnswers.Method.SOLVE
                        : StolenAnswers.Method.TRAIN;
        int last = queries.size() - 1;
        List<Double> curve = new ArrayList<>();
        for (double share : Audit.CURVE) {
            int k = 0;
            while (k < last && ordinal[k] < Math.ceil(share * s.budget())) {
                k++;
            }
            curve.add(surrogateFidelity(task, method, queries, null, k));
        }
        return new Fidelity(
                alertedAt < 0 ? null : surrogateFidelity(task, method, queries, null, alertedAt),
                enforcedAt < 0 ? null : surrogateFidelity(task, method, queries, null, enforcedAt),
                surrogateFidelity(task, method, queries, treatment, last),
                surrogateFidelity(task, method, queries, null, last),
                curve,
                task.heldOutRows().length);
    }

    /**
     * Fidelity of a surrogate trained on the answers to the attack queries among the first {@code
     * last + 1} requests, as the defence treated them ({@code treatment}) or undefended (null).
     */
    private static Double surrogateFidelity(
            VectorTask task,
            StolenAnswers.Method method,
            List<AttackQuery> queries,
            Treatment[] treatment,
            int last) {
        StolenAnswers answers = new StolenAnswers(task.classes());
        for (int k = 0; k <= last; k++) {
            AttackQuery q = queries.get(k);
            if (!q.attack() || q.features() == null) {
                continue;
            }
            Treatment t = treatment == null ? Treatment.FULL : treatment[k];
            if (t == Treatment.FULL && q.probabilities() != null) {
                answers.addProbabilities(q.features(), q.probabilities());
            } else if (t != Treatment.REFUSED) {
                answers.addLabel(q.features(), q.label());
            }
        }
        OptionalDouble f = answers.fidelity(task, method);
        return f.isPresent() ? f.getAsDouble() : null;
    }
}
