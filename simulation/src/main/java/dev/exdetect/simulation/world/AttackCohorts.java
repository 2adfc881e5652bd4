package dev.exdetect.simulation.world;

import dev.exdetect.simulation.attack.BoundarySearch;
import dev.exdetect.simulation.attack.BudgetedAttack;
import dev.exdetect.simulation.attack.FunctionalityStealing;
import dev.exdetect.simulation.attack.JacobianAugmentation;
import dev.exdetect.simulation.attack.LogitSweep;
import dev.exdetect.simulation.attack.MixedTraffic;
import dev.exdetect.simulation.attack.Paraphrase;
import dev.exdetect.simulation.attack.ProductMimic;
import dev.exdetect.simulation.attack.PromptHarvester;
import dev.exdetect.simulation.attack.PromptPool;
import dev.exdetect.simulation.attack.SelfInstruct;
import dev.exdetect.simulation.attack.VectorQueries;
import dev.exdetect.simulation.benign.EndUsers;
import dev.exdetect.simulation.benign.Templates;
import dev.exdetect.simulation.benign.UserQueries;
import dev.exdetect.simulation.network.AddressPlan;
import dev.exdetect.simulation.network.Addresses;
import dev.exdetect.simulation.network.FreshAddress;
import dev.exdetect.simulation.network.RotatingAddress;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Timing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes the clients of a world's attack cohorts (see {@link Archetypes} for the parameters). Every
 * attacker has a budget and is placed so that it can spend it within the world (its pace sped up
 * when it would not fit, as in the seed benchmark); Sybil campaigns and hydra chains get a campaign
 * id.
 */
final class AttackCohorts {
    /** Paraphrases swap a word that has a synonym half of the time. */
    private static final double SYNONYM_CHANCE = 0.5;

    /**
     * How much longer than its estimate an attack is given to spend its budget: estimates of
     * people-paced and merged traffic are rough, and an attacker cut off by the world's end would
     * not have spent the budget the scores are shares of.
     */
    private static final double MARGIN = 1.5;

    private AttackCohorts() {}

    static void add(WorldBuilder b, Cohort c) {
        switch (c.archetype().name()) {
            case "sybil" -> sybil(b, c);
            case "hydra" -> hydra(b, c);
            default -> {
                for (int i = 0; i < c.count(); i++) {
                    single(b, c);
                }
            }
        }
    }

    /** One attacker of a single-account archetype. */
    private static void single(WorldBuilder b, Cohort c) {
        long budget = Math.max(1, c.param("budget").drawInt(b.setup));
        String name = c.archetype().name();
        if (name.equals("b2b-distillation")) {
            productMimic(b, c, budget);
            return;
        }
        Pacing pacing = b.pacing(c);
        double requestsPerQuery = 1;
        Family family = c.archetype().family();
        int attacksPerBlock = 0;
        int block = 0;
        if (name.equals("mixed")) {
            String share = c.param("attack_share").choose(b.setup);
            family =
                    switch (share) {
                        case "50%" -> Family.MIXED_50;
                        case "20%" -> Family.MIXED_20;
                        default -> Family.MIXED_5;
                    };
            attacksPerBlock = family == Family.MIXED_50 ? 5 : family == Family.MIXED_20 ? 2 : 1;
            block = family == Family.MIXED_5 ? 20 : 10;
            requestsPerQuery = (double) block / attacksPerBlock;
        }
        double extraMillis =
                family == Family.JACOBIAN_AUGMENTATION
                        ? 55_000 * (Math.log(Math.max(2, budget)) / Math.log(2))
                        : 0;
        double duration = budget * requestsPerQuery * pacing.meanMillis(b.activity) + extraMillis;
        if (MARGIN * duration > b.span) {
            double factor = b.span / (MARGIN * 1.05 * duration);
            pacing = pacing.scaled(factor);
            duration *= factor;
        }
        long start = Timing.uniform(b.setup, 0, Math.max(1, b.span - (long) (MARGIN * duration)));
        double mean = pacing.meanMillis();
        List<String> prompts = b.corpus.extractionPrompts();
        BudgetedAttack attack =
                switch (name) {
                    case "distillation", "paraphrase-distillation", "low-and-slow" ->
                            harvester(
                                    b,
                                    c,
                                    family,
                                    new PromptPool(prompts, b.setup.nextInt(prompts.size())),
                                    budget,
                                    mean);
                    case "mixed" -> {
                        PromptHarvester.Decoding normal =
                                new PromptHarvester.Decoding(0.7, 1024, null);
                        yield new MixedTraffic(
                                family,
                                new UserQueries(
                                        b.corpus,
                                        b.setup,
                                        Math.max(1, c.param("topics").drawInt(b.setup)),
                                        0.3),
                                new PromptPool(prompts, b.setup.nextInt(prompts.size())),
                                budget,
                                mean,
                                attacksPerBlock,
                                block,
                                c.param("same_decoding").isTrue()
                                        ? normal
                                        : new PromptHarvester.Decoding(0.7, 2048, null),
                                normal);
                    }
                    case "self-instruct" -> new SelfInstruct(b.corpus.seedTasks(), budget, mean);
                    case "functionality-stealing" ->
                            new FunctionalityStealing(b.corpus, b.setup, budget, mean);
                    case "logit-sweep" ->
                            new LogitSweep(
                                    b.corpus
                                            .questions()
                                            .get(b.setup.nextInt(b.corpus.questions().size())),
                                    b.setup.nextInt(100_000),
                                    budget,
                                    mean);
                    case "equation-solving" ->
                            new VectorQueries(
                                    Family.EQUATION_SOLVING, b.corpus.vectors(), budget, mean);
                    case "knockoff" ->
                            new VectorQueries(Family.KNOCKOFF, b.corpus.vectors(), budget, mean);
                    case "jacobian-augmentation" ->
                            new JacobianAugmentation(b.corpus.vectors(), b.setup, budget, mean);
                    case "boundary-search" ->
                            new BoundarySearch(
                                    b.corpus.vectors(),
                                    Math.max(2, c.param("seeds").drawInt(b.setup)),
                                    Math.max(1, c.param("steps").drawInt(b.setup)),
                                    budget,
                                    mean);
                    default -> throw new IllegalStateException("no builder for " + name);
                };
        attack.pacing(pacing);
        String agent = b.agent(c.param("agent").choose(b.setup));
        String tenant =
                b.setup.nextDouble() < c.param("tenant_share").draw(b.setup) ? b.company() : null;
        b.add(c, tenant, Addresses.address(b.setup), agent, attack, start, b.span, null, null, -1);
    }

    private static PromptHarvester harvester(
            WorldBuilder b, Cohort c, Family family, PromptPool pool, long budget, double mean) {
        PromptHarvester h = new PromptHarvester(family, pool, budget, mean, 0.3, decoding(b, c));
        h.disguise(
                c.param("paraphrase").isTrue() ? new Paraphrase(SYNONYM_CHANCE) : null,
                c.param("repeat_share").draw(b.setup));
        return h;
    }

    private static PromptHarvester.Decoding decoding(WorldBuilder b, Cohort c) {
        return new PromptHarvester.Decoding(
                Math.round(c.param("temperature").draw(b.setup) * 10) / 10.0,
                c.param("max_tokens").drawInt(b.setup),
                null);
    }

    /** Distillation through a key with a product's shape: as many end users as the budget needs. */
    private static void productMimic(WorldBuilder b, Cohort c, long budget) {
        EndUsers users = BenignCohorts.endUsers(b, c);
        // A product with too few end users to spend the budget in the world gets more of them.
        double perUser = users.meanMillis(b.activity) * users.size();
        int needed = (int) Math.ceil(MARGIN * 1.05 * budget * perUser / b.span);
        if (needed > users.size()) {
            users =
                    new EndUsers(
                            needed,
                            Math.max(1, c.param("session_length").lo()),
                            (long) c.param("pause_min").lo(),
                            Math.max(
                                    (long) c.param("pause_min").lo() + 1,
                                    (long) c.param("pause_max").hi()),
                            Math.max(1, c.param("break").lo()),
                            b.setup);
        }
        double duration = budget * users.meanMillis(b.activity);
        long start = Timing.uniform(b.setup, 0, Math.max(1, b.span - (long) (MARGIN * duration)));
        int words = c.param("template_words").drawInt(b.setup);
        List<String> prompts = b.corpus.extractionPrompts();
        ProductMimic attack =
                new ProductMimic(
                        users,
                        new PromptPool(prompts, b.setup.nextInt(prompts.size())),
                        words > 0 ? Templates.product(b.setup, words) : null,
                        new PromptHarvester.Decoding(
                                Math.round(c.param("temperature").draw(b.setup) * 10) / 10.0,
                                c.param("max_tokens").drawInt(b.setup),
                                null),
                        budget);
        b.add(
                c,
                b.company(),
                Addresses.address(b.setup),
                Addresses.sdk(b.setup),
                attack,
                start,
                b.span,
                null,
                null,
                -1);
    }

    /**
     * Splits a cohort's accounts into campaigns of {@code size} accounts drawn per campaign; a
     * remainder smaller than the smallest size joins the last campaign.
     */
    private static List<Integer> campaignSizes(WorldBuilder b, Cohort c, String param) {
        List<Integer> sizes = new ArrayList<>();
        int left = c.count();
        int smallest = Math.max(1, (int) c.param(param).lo());
        while (left > 0) {
            int size = Math.min(left, Math.max(1, c.param(param).drawInt(b.setup)));
            if (left - size > 0 && left - size < smallest) {
                size = left;
            }
            sizes.add(size);
            left -= size;
        }
        return sizes;
    }

    /**
     * Sybil campaigns: one budget split evenly over the accounts, each working through its own
     * slice of one extraction pool with the same decoding, starting within {@code window}; from one
     * /24 ({@code subnet}) or with a fresh residential address for every request ({@code
     * residential}).
     */
    private static void sybil(WorldBuilder b, Cohort c) {
        for (int accounts : campaignSizes(b, c, "campaign_size")) {
            String campaign = b.newCampaign("sybil");
            long budget = Math.max(accounts, c.param("budget").drawInt(b.setup));
            boolean residential = c.param("network").choose(b.setup).equals("residential");
            String subnet = Addresses.subnet(b.setup);
            Set<String> used = new HashSet<>();
            Set<String> hosts = new HashSet<>();
            PromptHarvester.Decoding decoding = decoding(b, c);
            List<String> prompts = b.corpus.extractionPrompts();
            int offset = b.setup.nextInt(prompts.size());
            long share = budget / accounts;
            Pacing template = b.pacing(c);
            double perAccount = (share + 1) * template.meanMillis(b.activity);
            double factor = 1;
            long window = (long) Math.min(c.param("window").draw(b.setup), b.span / 2.0);
            if (window + MARGIN * perAccount > b.span) {
                factor = (b.span - window) / (MARGIN * 1.05 * perAccount);
                perAccount *= factor;
            }
            long campaignStart =
                    Timing.uniform(
                            b.setup,
                            0,
                            Math.max(1, b.span - window - (long) (MARGIN * perAccount)));
            String agentKind = c.param("agent").choose(b.setup);
            for (int k = 0; k < accounts; k++) {
                long myBudget = share + (k < budget % accounts ? 1 : 0);
                Pacing pacing = b.pacing(c).scaled(factor);
                PromptHarvester h =
                        new PromptHarvester(
                                Family.SYBIL,
                                new PromptPool(prompts, offset),
                                myBudget,
                                pacing.meanMillis(),
                                0.3,
                                decoding);
                h.disguise(
                        c.param("paraphrase").isTrue() ? new Paraphrase(SYNONYM_CHANCE) : null, 0);
                h.pacing(pacing);
                offset += (int) myBudget;
                String agent =
                        agentKind.equals("sdk")
                                ? "python-httpx/0.27." + b.setup.nextInt(3)
                                : Addresses.browser(b.setup);
                AddressPlan plan = null;
                String ip = null;
                if (residential) {
                    plan = new FreshAddress(b.ownRandom(), used);
                } else {
                    do {
                        ip = Addresses.host(subnet, b.setup);
                    } while (!hosts.add(ip));
                }
                b.add(
                        c,
                        null,
                        ip,
                        agent,
                        h,
                        campaignStart + Timing.uniform(b.setup, 0, Math.max(1, window)),
                        b.span,
                        campaign,
                        plan,
                        -1);
            }
        }
    }

    /**
     * Hydra chains: accounts used one after another, each starting a {@code gap} after the last
     * request of the one before, from its own proxy /24 with rotating addresses, with the chain's
     * one user agent and decoding, carrying on in one shared extraction pool.
     */
    private static void hydra(WorldBuilder b, Cohort c) {
        for (int accounts : campaignSizes(b, c, "chain_length")) {
            String campaign = b.newCampaign("hydra");
            long budget = Math.max(accounts, c.param("budget").drawInt(b.setup));
            List<String> prompts = b.corpus.extractionPrompts();
            PromptPool pool = new PromptPool(prompts, b.setup.nextInt(prompts.size()));
            PromptHarvester.Decoding decoding = decoding(b, c);
            String agent = b.agent(c.param("agent").choose(b.setup));
            Pacing pacing = b.pacing(c);
            double gapMean = (c.param("gap").lo() + c.param("gap").hi()) / 2;
            double duration = budget * pacing.meanMillis(b.activity) + accounts * (gapMean + 5_000);
            double factor = 1;
            if (MARGIN * duration > b.span) {
                factor = b.span / (MARGIN * 1.05 * duration);
                duration *= factor;
            }
            long start =
                    Timing.uniform(b.setup, 0, Math.max(1, b.span - (long) (MARGIN * duration)));
            double hold = c.param("hold").draw(b.setup);
            int previous = -1;
            for (int k = 0; k < accounts; k++) {
                long myBudget = budget / accounts + (k < budget % accounts ? 1 : 0);
                PromptHarvester h =
                        new PromptHarvester(
                                Family.HYDRA, pool, myBudget, pacing.meanMillis(), 0.3, decoding);
                h.disguise(
                        c.param("paraphrase").isTrue() ? new Paraphrase(SYNONYM_CHANCE) : null, 0);
                // Same script, same settings: each account gets its own copy of the chain's pace.
                h.pacing(pacing.scaled(factor));
                String subnet = Addresses.subnet(b.setup);
                AddressPlan plan =
                        new RotatingAddress(b.ownRandom(), hold, r -> Addresses.host(subnet, r));
                long offset = previous < 0 ? start : (long) (c.param("gap").draw(b.setup) * factor);
                previous = b.add(c, null, null, agent, h, offset, b.span, campaign, plan, previous);
            }
        }
    }
}
