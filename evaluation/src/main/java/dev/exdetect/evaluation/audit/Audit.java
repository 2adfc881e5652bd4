package dev.exdetect.evaluation.audit;

import dev.exdetect.evaluation.run.SimulatedRun;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.rules.model.RulePack;
import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.victim.VectorTask;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An extraction audit: one simulated theft of a given family and query budget inside background
 * traffic, run through the real detector, and an account of how far the attacker got before the
 * defence bit. For the vector API it trains the attacker's surrogate on what it had received at
 * each point and measures its fidelity to the victim on held-out real rows.
 */
public final class Audit {
    /** Event time at which the audited traffic starts (a Monday morning, UTC). */
    public static final long START_MILLIS = Instant.parse("2026-11-02T09:00:00Z").toEpochMilli();

    /** Shares of the budget at which the undefended fidelity curve is sampled. */
    public static final double[] CURVE = {0.1, 0.25, 0.5};

    /**
     * What to run.
     *
     * @param seed simulation seed
     * @param family the attack family
     * @param budget the attack's query budget
     * @param background benign clients around it
     * @param corpus where queries and data come from
     * @param rules the detector's rule pack
     * @param config the detector's settings
     * @param parallelism detector job parallelism
     * @param workDir where logs and detector outputs go
     * @param attackTiming when the simulated attacker sends
     */
    public record Settings(
            long seed,
            Family family,
            long budget,
            int background,
            Corpus corpus,
            RulePack rules,
            DetectorConfig config,
            int parallelism,
            Path workDir,
            AttackTiming attackTiming) {
        /** Settings with a scripted attacker. */
        public Settings(
                long seed,
                Family family,
                long budget,
                int background,
                Corpus corpus,
                RulePack rules,
                DetectorConfig config,
                int parallelism,
                Path workDir) {
            this(
                    seed,
                    family,
                    budget,
                    background,
                    corpus,
                    rules,
                    config,
                    parallelism,
                    workDir,
                    AttackTiming.SCRIPTED);
        }
    }

    /**
     * A point of the attack at which the detector acted.
     *
     * @param clientId the account acted on
     * @param seq its request number that triggered it
     * @param timeMillis event time
     * @param attackQueries attack queries the whole attack had sent by then (trigger included)
     * @param shareOfBudget {@code attackQueries / budget}
     * @param what severity (alerts) or action (commands)
     * @param rules rules that fired (alerts), else empty
     */
    public record Moment(
            String clientId,
            long seq,
            long timeMillis,
            long attackQueries,
            double shareOfBudget,
            String what,
            List<String> rules) {}

    /**
     * What the attacker's attack queries got.
     *
     * @param full answered as asked
     * @param degraded answered with the top label only
     * @param refused refused
     * @param tokens output tokens received (chat)
     * @param logprobAnswers answers that carried logprobs (chat)
     * @param probabilityAnswers answers that carried probabilities (vector)
     */
    public record Leak(
            long full,
            long degraded,
            long refused,
            long tokens,
            long logprobAnswers,
            long probabilityAnswers) {}

    /**
     * Fidelity of the attacker's surrogate (agreement with the victim on held-out rows); null where
     * there is nothing to train on or the moment never came.
     *
     * @param atFirstAlert trained on the answers up to the first alert
     * @param atFirstEnforcement trained on the answers up to the first enforcement
     * @param withDefence trained on everything the defence let through
     * @param undefended trained on the whole budget's answers, no defence
     * @param curve undefended, at {@link #CURVE} shares of the budget
     * @param heldOutRows rows it is measured on
     */
    public record Fidelity(
            Double atFirstAlert,
            Double atFirstEnforcement,
            Double withDefence,
            Double undefended,
            List<Double> curve,
            int heldOutRows) {}

    /**
     * The audit's findings.
     *
     * @param settings what was run
     * @param attackClients the attacking accounts
     * @param records all simulated requests
     * @param backgroundClients benign clients
     * @param attackQueries attack queries sent
     * @param attackRequests all requests of the attacking accounts (more than the queries when it
     *     mixes in normal traffic)
     * @param attackStartMillis event time of its first request
     * @param attackEndMillis event time of its last request
     * @param firstAlert the first alert on an attacking account, or null
     * @param firstMediumAlert the first of severity MEDIUM or more, or null
     * @param firstEnforcement the first DEGRADE, THROTTLE or BLOCK, or null
     * @param accountsAlerted attacking accounts with an alert
     * @param accountsEnforced attacking accounts enforced on
     * @param beforeEnforcement what the attack got up to the first enforcement (all of it when
     *     there was none)
     * @param withDefence what it got over the whole budget with the defence
     * @param fidelity surrogate fidelity (vector API only), or null
     * @param benignAlerted background clients alerted on (MEDIUM or more)
     * @param benignEnforced background clients enforced on
     * @param detectSeconds wall-clock time of the detector job
     */
    public record Result(
            Settings settings,
            List<String> attackClients,
            long records,
            int backgroundClients,
            long attackQueries,
            long attackRequests,
            long attackStartMillis,
            long attackEndMillis,
            Moment firstAlert,
            Moment firstMediumAlert,
            Moment firstEnforcement,
            int accountsAlerted,
            int accountsEnforced,
            Leak beforeEnforcement,
            Leak withDefence,
            Fidelity fidelity,
            int benignAlerted,
            int benignEnforced,
            double detectSeconds) {}

    private Audit() {}

    /** Runs the audit, printing progress. */
    public static Result run(Settings s, Progress progress) throws Exception {
        Population.Plan plan =
                Population.audit(
                        s.seed(),
                        s.family(),
                        s.budget(),
                        s.background(),
                        s.corpus(),
                        s.attackTiming());
        List<SimClient> sims = plan.clients();
        Map<Integer, Integer> attackers = new HashMap<>();
        for (int i = 0; i < sims.size(); i++) {
            if (sims.get(i).profile().role().equals(ClientProfile.ATTACK)) {
                attackers.put(i, attackers.size());
            }
        }
        progress.line(
                String.format(
                        "%s attack, budget %,d, %d account(s), inside %d background clients; %.1f h"
                                + " of traffic",
                        s.family().id(),
                        s.budget(),
                        attackers.size(),
                        sims.size() - attackers.size(),
                        plan.spanMillis() / 3_600_000.0));
        VectorTask task = s.corpus().vectors();
        List<AttackQuery> queries = new ArrayList<>();
        SimulatedRun.Outcome run =
                SimulatedRun.execute(
                        s.seed(),
                        START_MILLIS,
                        plan,
                        s.workDir(),
                        s.rules(),
                        s.config(),
                        s.parallelism(),
                        (client, seq, attack, record) -> {
                            if (attackers.containsKey(client)) {
                                queries.add(AttackQuery.of(client, seq, attack, record, task));
                            }
                        },
                        progress);
        return AuditAccounting.account(
                s, sims, attackers, queries, run.traffic(), run.verdicts(), run.detectSeconds());
    }
}
