package dev.exdetect.simulation;

import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.attack.BudgetedAttack;
import dev.exdetect.simulation.attack.FunctionalityStealing;
import dev.exdetect.simulation.attack.JacobianAugmentation;
import dev.exdetect.simulation.attack.LogitSweep;
import dev.exdetect.simulation.attack.MixedTraffic;
import dev.exdetect.simulation.attack.PromptHarvester;
import dev.exdetect.simulation.attack.SelfInstruct;
import dev.exdetect.simulation.attack.VectorQueries;
import dev.exdetect.simulation.benign.BatchScoring;
import dev.exdetect.simulation.benign.ChatUser;
import dev.exdetect.simulation.benign.FaqBot;
import dev.exdetect.simulation.benign.Integration;
import dev.exdetect.simulation.benign.TemplateApp;
import dev.exdetect.simulation.benign.UserQueries;
import dev.exdetect.simulation.benign.VectorApp;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.network.Addresses;
import dev.exdetect.simulation.profile.AttackTiming;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Timing;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The populations of simulated clients: the detection benchmark's mix of benign families and
 * attackers of every family over one day, and the audit's one attack inside background traffic.
 * Everything is drawn from one seed.
 */
public final class Population {
    /** Event-time span of the benchmark population. */
    public static final long BENCHMARK_SPAN_MILLIS = 24 * 3_600_000L;

    /** Benign clients per family at scale 1 (405 in all). */
    public static final Map<Family, Integer> BENIGN_AT_SCALE_1 = benignCounts();

    /** Attackers per attack family at scale 1 (Sybil: campaigns). */
    public static final int ATTACKERS_PER_FAMILY = 4;

    /** Sybil campaigns at scale 1. */
    public static final int SYBIL_CAMPAIGNS = 2;

    /** In an audit, the attack starts after this much background traffic. */
    public static final long AUDIT_WARM_UP_MILLIS = 15 * 60_000L;

    /** Accounts of the audit's Sybil campaign. */
    public static final int AUDIT_SYBIL_ACCOUNTS = 20;

    /**
     * A population and how long it runs.
     *
     * @param clients the clients, in a fixed order
     * @param spanMillis event time from the start to the end of the simulation
     */
    public record Plan(List<SimClient> clients, long spanMillis) {}

    private static final List<String> ORGANISATIONS =
            List.of("acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne");

    private static final List<String> SMALL_COMPANIES =
            List.of("northwind", "fabrikam", "tailspin", "wingtip", "litware", "proseware");

    private final Random setup;
    private final Corpus corpus;
    private final long spanMillis;
    private final AttackTiming timing;
    private final List<SimClient> clients = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final Map<String, String> orgSubnets = new java.util.HashMap<>();
    private final Map<String, String> orgAgents = new java.util.HashMap<>();
    private int campaigns;

    private Population(long seed, Corpus corpus, long spanMillis, AttackTiming timing) {
        this.setup = new Random(seed);
        this.corpus = corpus;
        this.spanMillis = spanMillis;
        this.timing = timing;
        for (String org : ORGANISATIONS) {
            orgSubnets.put(org, Addresses.subnet(setup));
            orgAgents.put(org, Addresses.browser(setup));
        }
    }

    /**
     * The benchmark population: {@code scale} times 405 benign clients and 4 attackers of every
     * attack family (2 Sybil campaigns of 10 to 50 accounts), each attacker with a budget between
     * half and one and a half times its family's default, placed so that it finishes within the
     * day.
     */
    public static Plan benchmark(long seed, double scale, Corpus corpus) {
        return benchmark(seed, scale, corpus, AttackTiming.SCRIPTED);
    }

    /**
     * The benchmark population with attackers sending with {@code timing} (the same clients,
     * budgets, paces and places in the day as {@link AttackTiming#SCRIPTED}; only the attackers'
     * pauses differ).
     */
    public static Plan benchmark(long seed, double scale, Corpus corpus, AttackTiming timing) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        Population p = new Population(seed, corpus, BENCHMARK_SPAN_MILLIS, timing);
        for (Map.Entry<Family, Integer> e : BENIGN_AT_SCALE_1.entrySet()) {
            int n = Math.max(1, (int) Math.round(e.getValue() * scale));
            for (int i = 0; i < n; i++) {
                p.addBenign(e.getKey());
            }
        }
        for (Family f : Family.attacks()) {
            int n =
                    Math.max(
                            1,
                            (int)
                                    Math.round(
                                            (f == Family.SYBIL
                                                            ? SYBIL_CAMPAIGNS
                                                            : ATTACKERS_PER_FAMILY)
                                                    * scale));
            for (int i = 0; i < n; i++) {
                long budget =
                        Math.max(
                                10,
                                Math.round(f.defaultBudget() * (0.5 + p.setup.nextDouble()) / 10.0)
                                        * 10);
                int accounts = f == Family.SYBIL ? 10 + p.setup.nextInt(41) : 1;
                p.addAttack(f, budget, accounts, -1, p.meanDelayMillis(f));
            }
        }
        return new Plan(List.copyOf(p.clients), p.spanMillis);
    }

    /**
     * An audit: {@code background} benign clients (the benchmark's mix, scaled down) and one attack
     * of {@code family} with {@code budget} queries (a Sybil campaign of 20 accounts sharing it)
     * starting after 15 minutes; the simulation ends 15 minutes after the attack's expected end.
     */
    public static Plan audit(long seed, Family family, long budget, int background, Corpus corpus) {
        return audit(seed, family, budget, background, corpus, AttackTiming.SCRIPTED);
    }

    /** An audit whose attacker sends with {@code timing}. */
    public static Plan audit(
            long seed,
            Family family,
            long budget,
            int background,
            Corpus corpus,
            AttackTiming timing) {
        if (!family.isAttack()) {
            throw new IllegalArgumentException(family.id() + " is not an attack family");
        }
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be at least 1, got " + budget);
        }
        Population probe = new Population(seed, corpus, 0, timing);
        double meanDelay = probe.meanDelayMillis(family);
        int accounts = family == Family.SYBIL ? (int) Math.min(AUDIT_SYBIL_ACCOUNTS, budget) : 1;
        long span =
                AUDIT_WARM_UP_MILLIS
                        + (long) (1.2 * expectedDuration(family, budget / accounts, meanDelay))
                        + (family == Family.SYBIL ? 2 * 3_600_000L : 0)
                        + 15 * 60_000L;
        Population p = new Population(seed, corpus, span, timing);
        int total = BENIGN_AT_SCALE_1.values().stream().mapToInt(Integer::intValue).sum();
        for (Map.Entry<Family, Integer> e : BENIGN_AT_SCALE_1.entrySet()) {
            int n = Math.max(1, (int) Math.round((double) e.getValue() * background / total));
            for (int i = 0; i < n; i++) {
                p.addBenign(e.getKey());
            }
        }
        p.addAttack(family, budget, accounts, AUDIT_WARM_UP_MILLIS, meanDelay);
        return new Plan(List.copyOf(p.clients), p.spanMillis);
    }

    private static Map<Family, Integer> benignCounts() {
        Map<Family, Integer> m = new EnumMap<>(Family.class);
        m.put(Family.INTERACTIVE_USER, 300);
        m.put(Family.POWER_USER, 40);
        m.put(Family.TEMPLATE_APP, 8);
        m.put(Family.FAQ_BOT, 5);
        m.put(Family.RETRY_STORM, 6);
        m.put(Family.BATCH_SCORING, 6);
        m.put(Family.VECTOR_APP, 40);
        return java.util.Collections.unmodifiableMap(m);
    }

    private void addBenign(Family f) {
        String id = newId();
        switch (f) {
            case INTERACTIVE_USER, POWER_USER -> {
                ClientProfile profile =
                        f == Family.POWER_USER
                                ? ChatUser.power(corpus, setup)
                                : ChatUser.interactive(corpus, setup);
                long start = Timing.uniform(setup, 0, Math.min(spanMillis, 4 * 3_600_000L));
                if (setup.nextDouble() < 0.4) {
                    // Free tier: own address, no organisation.
                    add(
                            id,
                            null,
                            Addresses.address(setup),
                            Addresses.browser(setup),
                            profile,
                            start);
                } else {
                    // Employees of one organisation share its /24 (NAT) and its standard browser.
                    String org = ORGANISATIONS.get(setup.nextInt(ORGANISATIONS.size()));
                    add(
                            id,
                            org,
                            Addresses.host(orgSubnets.get(org), setup),
                            orgAgents.get(org),
                            profile,
                            start);
                }
            }
            case TEMPLATE_APP ->
                    service(
                            id,
                            new TemplateApp(corpus, setup, Timing.logUniform(setup, 2_000, 20_000)),
                            60_000);
            case FAQ_BOT ->
                    service(
                            id,
                            new FaqBot(corpus, setup, Timing.logUniform(setup, 5_000, 30_000)),
                            60_000);
            case RETRY_STORM ->
                    service(
                            id,
                            Integration.retryStorm(
                                    corpus, Timing.logUniform(setup, 30_000, 120_000)),
                            3_600_000);
            case BATCH_SCORING ->
                    service(
                            id,
                            new BatchScoring(corpus.vectors(), 4 + 6 * setup.nextDouble()),
                            8 * 3_600_000L);
            case VECTOR_APP ->
                    service(
                            id,
                            new VectorApp(
                                    corpus.vectors(),
                                    setup,
                                    Timing.logUniform(setup, 20_000, 300_000)),
                            3_600_000);
            default -> throw new IllegalArgumentException(f.id() + " is not a benign family");
        }
    }

    /** A server-side client: a company tenant, one server address, an SDK user agent. */
    private void service(String id, ClientProfile profile, long maxStartMillis) {
        add(
                id,
                SMALL_COMPANIES.get(setup.nextInt(SMALL_COMPANIES.size())),
                Addresses.address(setup),
                Addresses.sdk(setup),
                profile,
                Timing.uniform(setup, 0, Math.min(spanMillis, maxStartMillis)));
    }

    /**
     * Adds an attack of {@code family} sending about one request per {@code meanDelay} ms; {@code
     * startMillis} fixes its start offset, or -1 places it at random so that it ends within the
     * span (speeding it up if it would not fit at its pace).
     */
    private void addAttack(
            Family family, long budget, int accounts, long startMillis, double meanDelay) {
        if (family == Family.SYBIL) {
            addSybil(budget, accounts, meanDelay, startMillis);
            return;
        }
        long duration = expectedDuration(family, budget, meanDelay);
        if (startMillis < 0 && 1.2 * duration > spanMillis) {
            meanDelay *= spanMillis / (1.25 * duration);
            duration = expectedDuration(family, budget, meanDelay);
        }
        long start =
                startMillis >= 0
                        ? startMillis
                        : Timing.uniform(
                                setup, 0, Math.max(1, spanMillis - (long) (1.2 * duration)));
        List<String> prompts = corpus.extractionPrompts();
        BudgetedAttack profile =
                switch (family) {
                    case DISTILLATION, LOW_AND_SLOW ->
                            new PromptHarvester(
                                    family,
                                    prompts,
                                    setup.nextInt(prompts.size()),
                                    budget,
                                    meanDelay,
                                    family == Family.LOW_AND_SLOW ? 0.6 : 0.2,
                                    PromptHarvester.Decoding.DEFAULT);
                    case SELF_INSTRUCT -> new SelfInstruct(corpus.seedTasks(), budget, meanDelay);
                    case FUNCTIONALITY_STEALING ->
                            new FunctionalityStealing(corpus, setup, budget, meanDelay);
                    case EQUATION_SOLVING, KNOCKOFF ->
                            new VectorQueries(family, corpus.vectors(), budget, meanDelay);
                    case JACOBIAN_AUGMENTATION ->
                            new JacobianAugmentation(corpus.vectors(), setup, budget, meanDelay);
                    case LOGIT_SWEEP ->
                            new LogitSweep(
                                    corpus.questions()
                                            .get(setup.nextInt(corpus.questions().size())),
                                    setup.nextInt(100_000),
                                    budget,
                                    meanDelay);
                    case MIXED_50, MIXED_20 ->
                            new MixedTraffic(
                                    family,
                                    new UserQueries(corpus, setup, 4, 0.3),
                                    prompts,
                                    setup.nextInt(prompts.size()),
                                    budget,
                                    meanDelay);
                    default -> throw new IllegalArgumentException(family.id());
                };
        profile.timing(timing);
        // Evasive attackers dress as people; the others use their scripts' client libraries.
        boolean disguised =
                family == Family.LOW_AND_SLOW
                        || family == Family.MIXED_50
                        || family == Family.MIXED_20;
        add(
                newId(),
                setup.nextBoolean()
                        ? null
                        : SMALL_COMPANIES.get(setup.nextInt(SMALL_COMPANIES.size())),
                Addresses.address(setup),
                disguised ? Addresses.browser(setup) : Addresses.sdk(setup),
                profile,
                start);
    }

    /**
     * A Sybil campaign: one distillation budget split evenly over {@code accounts} free-tier
     * accounts from one /24, with near-identical user agents and the same decoding parameters, each
     * working through its own slice of one prompt list and starting within two hours.
     */
    private void addSybil(long budget, int accounts, double meanDelay, long startMillis) {
        String campaign = "sybil-" + (++campaigns);
        String subnet = Addresses.subnet(setup);
        String agentBase = "python-httpx/0.27.";
        PromptHarvester.Decoding decoding =
                new PromptHarvester.Decoding(
                        0.6 + setup.nextInt(5) / 10.0, 1000 + 250 * setup.nextInt(4), 0.95);
        List<String> prompts = corpus.extractionPrompts();
        int firstPrompt = setup.nextInt(prompts.size());
        long share = budget / accounts;
        long perAccountDuration = expectedDuration(Family.SYBIL, share + 1, meanDelay);
        long window = 2 * 3_600_000L;
        long campaignStart =
                startMillis >= 0
                        ? startMillis
                        : Timing.uniform(
                                setup,
                                0,
                                Math.max(
                                        1,
                                        spanMillis - window - (long) (1.2 * perAccountDuration)));
        Set<String> hosts = new HashSet<>();
        int offset = firstPrompt;
        for (int k = 0; k < accounts; k++) {
            long myBudget = share + (k < budget % accounts ? 1 : 0);
            String ip;
            do {
                ip = Addresses.host(subnet, setup);
            } while (!hosts.add(ip));
            ClientProfile profile =
                    new PromptHarvester(
                                    Family.SYBIL,
                                    prompts,
                                    offset,
                                    myBudget,
                                    Timing.jittered(setup, meanDelay, 0.3),
                                    0.5,
                                    decoding)
                            .timing(timing);
            offset += (int) myBudget;
            clients.add(
                    new SimClient(
                            newId(),
                            null,
                            ip,
                            agentBase + setup.nextInt(3),
                            profile,
                            campaignStart + Timing.uniform(setup, 0, window),
                            spanMillis,
                            campaign));
        }
    }

    private void add(
            String id,
            String tenant,
            String ip,
            String agent,
            ClientProfile profile,
            long startMillis) {
        clients.add(new SimClient(id, tenant, ip, agent, profile, startMillis, spanMillis, null));
    }

    private String newId() {
        String id;
        do {
            id = Addresses.accountId(setup);
        } while (!ids.add(id));
        return id;
    }

    /** A family's mean pause between requests, drawn log-uniformly from its range. */
    private double meanDelayMillis(Family f) {
        return switch (f) {
            case DISTILLATION -> Timing.logUniform(setup, 500, 2_000);
            case SELF_INSTRUCT -> Timing.logUniform(setup, 1_000, 4_000);
            case FUNCTIONALITY_STEALING -> Timing.logUniform(setup, 300, 1_000);
            case EQUATION_SOLVING, JACOBIAN_AUGMENTATION -> Timing.logUniform(setup, 100, 500);
            case KNOCKOFF, LOGIT_SWEEP -> Timing.logUniform(setup, 200, 1_000);
            case LOW_AND_SLOW -> Timing.logUniform(setup, 20_000, 60_000);
            case MIXED_50, MIXED_20 -> Timing.logUniform(setup, 4_000, 15_000);
            case SYBIL -> Timing.logUniform(setup, 3_000, 15_000);
            default -> throw new IllegalArgumentException(f.id() + " has no attack pace");
        };
    }

    /**
     * Roughly how long an attack of {@code budget} queries takes: all its requests (mixing
     * attackers send normal ones too) at the mean pace, plus Jacobian augmentation's pauses between
     * rounds.
     */
    static long expectedDuration(Family f, long budget, double meanDelayMillis) {
        double requests =
                switch (f) {
                    case MIXED_50 -> budget * 2.0;
                    case MIXED_20 -> budget * 5.0;
                    default -> budget;
                };
        double pauses =
                f == Family.JACOBIAN_AUGMENTATION
                        ? 55_000 * (Math.log(Math.max(2, budget)) / Math.log(2))
                        : 0;
        return (long) (requests * meanDelayMillis + pauses);
    }
}
