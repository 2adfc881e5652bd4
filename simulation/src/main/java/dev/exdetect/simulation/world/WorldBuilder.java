package dev.exdetect.simulation.world;

import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.corpus.CorpusFiles;
import dev.exdetect.simulation.network.AddressPlan;
import dev.exdetect.simulation.network.Addresses;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.Pacing;
import dev.exdetect.simulation.profile.Sessions;
import dev.exdetect.simulation.profile.Timing;
import dev.exdetect.simulation.victim.VectorTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Makes a world's clients: its pools and victim from the corpus folder (or the built-in
 * generators), then each cohort's clients with their network identity, in cohort order, all drawn
 * from the world's seed. The same world and corpus give the same clients.
 */
public final class WorldBuilder {
    private static final List<String> ORGANISATIONS =
            List.of(
                    "acme",
                    "globex",
                    "initech",
                    "umbrella",
                    "hooli",
                    "stark",
                    "wayne",
                    "tyrell",
                    "cyberdyne",
                    "soylent",
                    "wonka",
                    "vandelay",
                    "oceanic",
                    "massive",
                    "gringotts");

    private static final List<String> COMPANIES =
            List.of(
                    "northwind",
                    "fabrikam",
                    "tailspin",
                    "wingtip",
                    "litware",
                    "proseware",
                    "contoso",
                    "adatum",
                    "woodgrove",
                    "lucerne",
                    "relecloud",
                    "fourthcoffee");

    final World world;
    final Corpus corpus;
    final List<String> eval;
    final Random setup;
    final long span;

    /** People's mean activity over the world's hours ({@link Timing#meanDiurnal}). */
    final double activity;

    final List<SimClient> clients = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final List<String> orgNames = new ArrayList<>();
    private final List<String> orgSubnets = new ArrayList<>();
    private final List<String> orgAgents = new ArrayList<>();
    private int campaigns;

    private WorldBuilder(World world, Corpus corpus, List<String> eval) {
        this.world = world;
        this.corpus = corpus;
        this.eval = eval;
        this.setup = new Random(world.seed());
        this.span = world.durationMillis();
        this.activity = Timing.meanDiurnal(world.startMillis(), span);
        for (int i = 0; i < world.organisations(); i++) {
            orgNames.add(
                    i < ORGANISATIONS.size()
                            ? ORGANISATIONS.get(i)
                            : ORGANISATIONS.get(i % ORGANISATIONS.size()) + "-" + i);
            orgSubnets.add(Addresses.subnet(setup));
            orgAgents.add(Addresses.browser(setup));
        }
    }

    /**
     * The clients of {@code world}, drawing from {@code files} (null when the world needs no corpus
     * folder).
     *
     * @throws WorldFileException naming the world file's line when a corpus file is missing
     */
    public static WorldPlan build(World world, CorpusFiles files) throws IOException {
        if (world.needsCorpus() && files == null) {
            throw new WorldFileException(
                    world.file(),
                    0,
                    0,
                    "world "
                            + world.name()
                            + " draws from corpus files; give the corpus folder (--corpus DIR)");
        }
        VectorTask task =
                world.victim().synthetic()
                        ? VectorTask.synthetic(world.victim().features(), world.victim().classes())
                        : files.vectors(world.victim().data());
        Corpus corpus;
        List<String> eval;
        if (world.corpus().builtIn()) {
            Corpus b = Corpus.builtIn();
            corpus =
                    new Corpus(
                            "built-in",
                            b.questions(),
                            b.instructions(),
                            b.seedTasks(),
                            b.extractionPrompts(),
                            b.codePrompts(),
                            task);
            eval = b.questions();
        } else {
            Map<String, List<World.Slice>> s = world.corpus().slices();
            corpus =
                    new Corpus(
                            files.dir().toString(),
                            pool(world, files, s.get("questions")),
                            pool(world, files, s.get("instructions")),
                            pool(world, files, s.get("seed_tasks")),
                            pool(world, files, s.get("extraction")),
                            pool(world, files, s.get("code")),
                            task);
            eval = pool(world, files, s.get("eval"));
        }
        WorldBuilder b = new WorldBuilder(world, corpus, eval);
        for (Cohort c : world.cohorts()) {
            if (c.archetype().attack()) {
                AttackCohorts.add(b, c);
            } else {
                BenignCohorts.add(b, c);
            }
        }
        return new WorldPlan(world, List.copyOf(b.clients), corpus);
    }

    private static List<String> pool(World world, CorpusFiles files, List<World.Slice> slices)
            throws IOException {
        List<String> out = new ArrayList<>();
        for (World.Slice s : slices) {
            try {
                out.addAll(files.texts(s.file(), s.from(), s.to()));
            } catch (IllegalArgumentException e) {
                throw new WorldFileException(world.file(), s.line(), s.column(), e.getMessage());
            }
        }
        return List.copyOf(out);
    }

    // --- helpers for the cohort builders ---

    /** A new account id, unique in the world. */
    String newId() {
        String id;
        do {
            id = Addresses.accountId(setup);
        } while (!ids.add(id));
        return id;
    }

    /** A new campaign id such as {@code hydra-2}. */
    String newCampaign(String kind) {
        return kind + "-" + (++campaigns);
    }

    /** A company's name for a service or an attacker's tenant. */
    String company() {
        return COMPANIES.get(setup.nextInt(COMPANIES.size()));
    }

    /** Index of a random organisation of the world. */
    int organisation() {
        return setup.nextInt(orgNames.size());
    }

    String orgName(int i) {
        return orgNames.get(i);
    }

    String orgHost(int i) {
        return Addresses.host(orgSubnets.get(i), setup);
    }

    String orgAgent(int i) {
        return orgAgents.get(i);
    }

    /** A user agent for {@code agent} ({@code sdk} or {@code browser}). */
    String agent(String agent) {
        return agent.equals("browser") ? Addresses.browser(setup) : Addresses.sdk(setup);
    }

    /**
     * A start offset from a cohort's {@code start} range, cut to the first 90% of the world (a
     * range written for a longer world would otherwise start clients when it is over).
     */
    long start(Cohort c) {
        ParamValue range = c.param("start");
        double last = 0.9 * span;
        if (range.hi() <= last) {
            return (long) range.draw(setup);
        }
        double lo = Math.min(range.lo(), last);
        return (long) (lo + (last - lo) * setup.nextDouble());
    }

    /** Adds a client; returns its index. */
    int add(
            Cohort c,
            String tenant,
            String ip,
            String agent,
            ClientProfile profile,
            long start,
            long end,
            String campaign,
            AddressPlan addresses,
            int after) {
        clients.add(
                new SimClient(
                        newId(),
                        tenant,
                        addresses != null ? addresses.initial() : ip,
                        agent,
                        profile,
                        start,
                        end,
                        campaign,
                        c.name(),
                        addresses,
                        after));
        return clients.size() - 1;
    }

    /** A server-side client: a company tenant, one server address, an SDK user agent. */
    void service(Cohort c, ClientProfile profile) {
        add(
                c,
                company(),
                Addresses.address(setup),
                Addresses.sdk(setup),
                profile,
                start(c),
                span,
                null,
                null,
                -1);
    }

    /**
     * One client's pacing from a cohort's {@code pace} and its parameters ({@code period}, {@code
     * jitter}, and for sessions {@code session_length}, {@code pause_min}, {@code pause_max},
     * {@code break}).
     */
    Pacing pacing(Cohort c) {
        String pace = c.param("pace").choose(setup);
        double period = Math.max(1, c.param("period").draw(setup));
        return switch (pace) {
            case "timer" -> Pacing.timer(period, c.param("jitter").draw(setup));
            case "poisson" -> Pacing.poisson(period);
            case "diurnal" -> Pacing.diurnalPoisson(period);
            case "bursty" -> Pacing.bursty(period);
            case "sessions" -> sessions(c);
            default -> throw new IllegalStateException("pace " + pace);
        };
    }

    /** A person's sessions from a cohort's session parameters. */
    Sessions sessions(Cohort c) {
        long min = (long) c.param("pause_min").draw(setup);
        long max = Math.max(min + 1, (long) c.param("pause_max").draw(setup));
        return new Sessions(
                Math.max(1, c.param("session_length").draw(setup)),
                min,
                max,
                Math.max(1, c.param("break").draw(setup)),
                setup);
    }

    /** A new random source for one client's address plan. */
    Random ownRandom() {
        return new Random(setup.nextLong());
    }
}
