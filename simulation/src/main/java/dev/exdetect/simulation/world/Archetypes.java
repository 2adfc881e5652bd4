package dev.exdetect.simulation.world;

import static dev.exdetect.simulation.world.ParamType.BOOLEAN;
import static dev.exdetect.simulation.world.ParamType.DURATION;
import static dev.exdetect.simulation.world.ParamType.INTEGER;
import static dev.exdetect.simulation.world.ParamType.NUMBER;
import static dev.exdetect.simulation.world.ParamType.SHARE;

import dev.exdetect.simulation.profile.Family;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The archetypes a world's cohorts can use, with their parameters and defaults (the defaults are
 * the seed benchmark's families where one exists). {@code samples/worlds/README.md} documents the
 * same list; {@code ArchetypesTest} keeps the two in step.
 */
public final class Archetypes {
    /** How an attacker or pacing-driven client spaces its requests. */
    static final List<String> PACES = List.of("timer", "poisson", "diurnal", "bursty", "sessions");

    private static final Map<String, Archetype> BY_NAME = new LinkedHashMap<>();

    static {
        // People.
        add(
                "chat-user",
                Family.INTERACTIVE_USER,
                false,
                "a person in a chat app",
                person("2..4", "0.1", "6", "10s", "90s", "3h"));
        add(
                "power-user",
                Family.POWER_USER,
                false,
                "a heavy chat user at work",
                person("3..6", "0.35", "25", "4s", "40s", "40m"));
        add(
                "mobile-user",
                Family.INTERACTIVE_USER,
                false,
                "a person on a phone: the carrier's NAT address changes every few minutes",
                concat(
                        personOnTheMove("2..4", "0.1", "5", "10s", "90s", "2h"),
                        List.of(
                                ParamSpec.of(
                                        "hold",
                                        DURATION,
                                        "5m..40m",
                                        "mean time an address is kept"),
                                ParamSpec.of(
                                        "carriers",
                                        INTEGER,
                                        "3",
                                        "carriers of the cohort, two /24 NAT pools each"))));
        add(
                "ipv6-user",
                Family.INTERACTIVE_USER,
                false,
                "a person on IPv6: a privacy address in one /64 that changes every few hours",
                concat(
                        personOnTheMove("2..4", "0.1", "6", "10s", "90s", "3h"),
                        List.of(
                                ParamSpec.of(
                                        "hold",
                                        DURATION,
                                        "1h..6h",
                                        "mean time an address is kept"))));

        // Applications and groups.
        add(
                "template-app",
                Family.TEMPLATE_APP,
                true,
                "an app wrapping its users' text in one fixed prompt template",
                concat(
                        pace("diurnal", "2s..20s"),
                        List.of(
                                ParamSpec.of(
                                        "template_words",
                                        INTEGER,
                                        "35..45",
                                        "words of the template around {input}"),
                                ParamSpec.of(
                                        "repeat_share",
                                        SHARE,
                                        "0.03",
                                        "inputs repeating a recent one"),
                                ParamSpec.of(
                                        "question_share",
                                        SHARE,
                                        "0.75",
                                        "inputs that are questions (else instructions)"),
                                ParamSpec.of("temperature", NUMBER, "0.2", "fixed temperature"),
                                ParamSpec.of("max_tokens", INTEGER, "400", "fixed answer limit"),
                                ParamSpec.of("start", DURATION, "0..1m", "when it starts"))));
        add(
                "integration",
                Family.INTEGRATION,
                true,
                "a back-office job with a fixed instruction, retrying failed calls",
                concat(
                        pace("timer", "30s..120s"),
                        List.of(
                                ParamSpec.choice(
                                        "inputs",
                                        "instructions",
                                        List.of("instructions", "questions"),
                                        "what it sends"),
                                ParamSpec.of(
                                        "template_words",
                                        INTEGER,
                                        "0",
                                        "words of its fixed instruction (0: none)"),
                                ParamSpec.choice(
                                        "retries",
                                        "backoff",
                                        List.of("none", "storm", "backoff"),
                                        "how failures are retried"),
                                ParamSpec.of(
                                        "failure_chance",
                                        SHARE,
                                        "0.7%",
                                        "calls that start an outage"),
                                ParamSpec.of(
                                        "attempts",
                                        INTEGER,
                                        "3..8",
                                        "bounds: calls per outage, the last succeeds"),
                                ParamSpec.of(
                                        "retry_pause_min",
                                        DURATION,
                                        "100ms",
                                        "storm: shortest pause; backoff: first pause"),
                                ParamSpec.of(
                                        "retry_pause_max",
                                        DURATION,
                                        "1500ms",
                                        "storm: longest pause; backoff: cap"),
                                ParamSpec.of("temperature", NUMBER, "0", "fixed temperature"),
                                ParamSpec.of("max_tokens", INTEGER, "800", "fixed answer limit"),
                                ParamSpec.of("start", DURATION, "0..1h", "when it starts"))));
        add(
                "faq-bot",
                Family.FAQ_BOT,
                true,
                "a support bot forwarding mostly the same few questions",
                concat(
                        pace("diurnal", "5s..30s"),
                        List.of(
                                ParamSpec.of(
                                        "questions",
                                        INTEGER,
                                        "20..40",
                                        "bounds: questions it knows"),
                                ParamSpec.of(
                                        "zipf",
                                        NUMBER,
                                        "1.1",
                                        "popularity exponent of its questions"),
                                ParamSpec.of("start", DURATION, "0..1m", "when it starts"))));
        add(
                "batch-scoring",
                Family.BATCH_SCORING,
                true,
                "a job scoring real rows with probabilities, in batches or as a stream",
                concat(
                        pace("timer", "1s"),
                        List.of(
                                ParamSpec.choice(
                                        "mode",
                                        "bursts",
                                        List.of("bursts", "stream"),
                                        "batches, or one row at a time at pace/period"),
                                ParamSpec.of(
                                        "between",
                                        DURATION,
                                        "4h..10h",
                                        "bursts: mean pause between batches"),
                                ParamSpec.of(
                                        "batch", INTEGER, "500..3000", "bounds: rows in a batch"),
                                ParamSpec.of(
                                        "gap_min",
                                        DURATION,
                                        "15ms",
                                        "bursts: shortest pause between rows"),
                                ParamSpec.of(
                                        "gap_max",
                                        DURATION,
                                        "60ms",
                                        "bursts: longest pause between rows"),
                                ParamSpec.of("start", DURATION, "0..6h", "when it starts"))));
        add(
                "vector-app",
                Family.VECTOR_APP,
                true,
                "an app sending its users' real rows one at a time",
                concat(
                        pace("diurnal", "20s..300s"),
                        List.of(
                                ParamSpec.of(
                                        "probabilities_share",
                                        SHARE,
                                        "0.25",
                                        "apps asking for the probabilities"),
                                ParamSpec.of("start", DURATION, "0..1h", "when it starts"))));
        add(
                "b2b-product",
                Family.B2B_PRODUCT,
                true,
                "a product forwarding many end users' questions through one key",
                concat(
                        endUsers("50..300"),
                        List.of(
                                ParamSpec.of("topics", INTEGER, "2..4", "topics of each end user"),
                                ParamSpec.of(
                                        "instruction_share",
                                        SHARE,
                                        "0.15",
                                        "end users' new queries that are instructions"),
                                ParamSpec.of(
                                        "template_words",
                                        INTEGER,
                                        "0",
                                        "words of the product's prompt (0: none)"),
                                ParamSpec.of("temperature", NUMBER, "0.3", "fixed temperature"),
                                ParamSpec.of("max_tokens", INTEGER, "600", "fixed answer limit"))));
        add(
                "eval-run",
                Family.EVAL_RUN,
                true,
                "a researcher running a public benchmark's questions once in a tight loop",
                List.of(
                        ParamSpec.of("questions", INTEGER, "160..240", "questions of a benchmark"),
                        ParamSpec.of(
                                "benchmarks",
                                INTEGER,
                                "2",
                                "distinct benchmarks the cohort's researchers run"),
                        ParamSpec.choice(
                                "format",
                                "zero-shot",
                                List.of("zero-shot", "few-shot"),
                                "the harness's prompt"),
                        ParamSpec.of(
                                "pause_min", DURATION, "200ms", "shortest pause between calls"),
                        ParamSpec.of(
                                "pause_max", DURATION, "1500ms", "longest pause between calls"),
                        ParamSpec.of("max_tokens", INTEGER, "32", "answer limit"),
                        ParamSpec.of("start", DURATION, "0..6h", "when the run starts")));
        add(
                "nat-class",
                Family.NAT_GROUP,
                true,
                "a class behind one NAT address using the course notebook's parameters",
                natGroup("15..35", "20..40", "0.3", "8", "20s", "120s", "15m", "class", "sdk"));
        add(
                "office",
                Family.NAT_GROUP,
                true,
                "colleagues behind one NAT address using their internal tool's parameters",
                natGroup("8..25", "10..30", "0.1", "6", "15s", "90s", "1h", "workday", "browser"));

        // Attackers.
        add(
                "distillation",
                Family.DISTILLATION,
                false,
                "every prompt of an extraction pool in turn, constant decoding",
                concat(
                        attack("1500..4500", "timer", "0.5s..2s", "sdk"),
                        harvester("0.7", "2048", "false", "0")));
        add(
                "paraphrase-distillation",
                Family.DISTILLATION,
                false,
                "distillation lightly paraphrased, at a person's pace, from a browser with popular settings",
                concat(
                        attack("100..250", "sessions", "60s", "browser"),
                        harvester("0.7", "1024", "true", "0.05")));
        add(
                "low-and-slow",
                Family.LOW_AND_SLOW,
                false,
                "distillation at a person's pace with random timing",
                concat(
                        attack("500..1500", "poisson", "20s..60s", "browser"),
                        harvester("0.7", "2048", "false", "0")));
        add(
                "b2b-distillation",
                Family.DISTILLATION,
                false,
                "distillation from a key shaped like a B2B product",
                concat(
                        List.of(ParamSpec.of("budget", INTEGER, "1500..4000", "attack queries")),
                        endUsers("50..300"),
                        List.of(
                                ParamSpec.of(
                                        "template_words",
                                        INTEGER,
                                        "0",
                                        "words of the imitated product's prompt (0: none)"),
                                ParamSpec.of("temperature", NUMBER, "0.3", "fixed temperature"),
                                ParamSpec.of("max_tokens", INTEGER, "600", "fixed answer limit"))));
        add(
                "mixed",
                Family.MIXED_5,
                false,
                "extraction prompts mixed into an account's normal use",
                concat(
                        attack("30..80", "poisson", "4s..15s", "browser"),
                        List.of(
                                ParamSpec.choice(
                                        "attack_share",
                                        "5%",
                                        List.of("50%", "20%", "5%"),
                                        "share of requests that are attack prompts (the family: mixed-50, -20, -5)"),
                                ParamSpec.of(
                                        "same_decoding",
                                        BOOLEAN,
                                        "true",
                                        "attack prompts sent with the account's own decoding"),
                                ParamSpec.of(
                                        "topics",
                                        INTEGER,
                                        "3..5",
                                        "topics of its normal questions"))));
        add(
                "self-instruct",
                Family.SELF_INSTRUCT,
                false,
                "a meta-prompt with three sampled seed tasks",
                attack("1000..3000", "timer", "1s..4s", "sdk"));
        add(
                "functionality-stealing",
                Family.FUNCTIONALITY_STEALING,
                false,
                "one narrow capability at volume",
                attack("1500..4500", "timer", "0.3s..1s", "sdk"));
        add(
                "logit-sweep",
                Family.LOGIT_SWEEP,
                false,
                "one prompt, logit_bias swept, logprobs requested",
                attack("1000..3000", "timer", "0.2s..1s", "sdk"));
        add(
                "equation-solving",
                Family.EQUATION_SOLVING,
                false,
                "uniform points of the feature box, probabilities requested",
                attack("500..1500", "timer", "0.1s..0.5s", "sdk"));
        add(
                "jacobian-augmentation",
                Family.JACOBIAN_AUGMENTATION,
                false,
                "seed rows stepped along a substitute's gradient, labels only",
                attack("600..1800", "timer", "0.1s..0.5s", "sdk"));
        add(
                "knockoff",
                Family.KNOCKOFF,
                false,
                "natural rows of another distribution, probabilities requested",
                attack("1000..3000", "timer", "0.2s..1s", "sdk"));
        add(
                "boundary-search",
                Family.BOUNDARY_SEARCH,
                false,
                "label-only bisection towards the decision boundary",
                concat(
                        attack("600..1500", "timer", "0.2s..2s", "sdk"),
                        List.of(
                                ParamSpec.of(
                                        "seeds", INTEGER, "10..30", "public rows labelled first"),
                                ParamSpec.of(
                                        "steps", INTEGER, "8..12", "bisection steps per pair"))));
        add(
                "sybil",
                Family.SYBIL,
                false,
                "one budget split over accounts, each on its own slice of one extraction pool",
                concat(
                        attack("3000..9000", "timer", "3s..15s", "sdk"),
                        harvester("0.7", "1500", "false", "0"),
                        List.of(
                                ParamSpec.of(
                                        "campaign_size",
                                        INTEGER,
                                        "10..50",
                                        "accounts of a campaign"),
                                ParamSpec.choice(
                                        "network",
                                        "subnet",
                                        List.of("subnet", "residential"),
                                        "one /24, or a fresh residential address for every request"),
                                ParamSpec.of(
                                        "window",
                                        DURATION,
                                        "2h",
                                        "the accounts start within this"))));
        add(
                "hydra",
                Family.HYDRA,
                false,
                "accounts used one after another from rotating proxy subnets, same settings and pool",
                concat(
                        attack("2000..6000", "timer", "0.5s..3s", "sdk"),
                        harvester("0.7", "2048", "false", "0"),
                        List.of(
                                ParamSpec.of(
                                        "chain_length", INTEGER, "4..8", "accounts of a chain"),
                                ParamSpec.of(
                                        "gap",
                                        DURATION,
                                        "10s..10m",
                                        "pause between one account's end and the next's start"),
                                ParamSpec.of(
                                        "hold",
                                        DURATION,
                                        "0..2m",
                                        "mean time a proxy address is kept (0: new each request)"))));
    }

    private Archetypes() {}

    /** Every archetype, in catalogue order. */
    public static List<Archetype> all() {
        return List.copyOf(BY_NAME.values());
    }

    /** The archetype {@code name}, or null. */
    public static Archetype byName(String name) {
        return BY_NAME.get(name);
    }

    private static void add(
            String name, Family family, boolean app, String description, List<ParamSpec> params) {
        BY_NAME.put(name, Archetype.of(name, family, app, description, params));
    }

    @SafeVarargs
    private static List<ParamSpec> concat(List<ParamSpec>... parts) {
        List<ParamSpec> out = new ArrayList<>();
        Arrays.stream(parts).forEach(out::addAll);
        return out;
    }

    private static List<ParamSpec> pace(String pace, String period) {
        return List.of(
                ParamSpec.choice(
                        "pace",
                        pace,
                        PACES,
                        "timer, poisson, diurnal (poisson following the day), bursty or sessions"),
                ParamSpec.of("period", DURATION, period, "mean pause (the timer's period)"),
                ParamSpec.of("jitter", SHARE, "0.05", "timer: each pause off by up to this share"),
                ParamSpec.of("session_length", NUMBER, "12", "sessions: mean requests per session"),
                ParamSpec.of("pause_min", DURATION, "10s", "sessions: shortest pause in a session"),
                ParamSpec.of("pause_max", DURATION, "60s", "sessions: longest pause in a session"),
                ParamSpec.of("break", DURATION, "15m", "sessions: mean break between sessions"));
    }

    /** {@link #person} for people whose address is their own (no organisation's /24). */
    private static List<ParamSpec> personOnTheMove(
            String topics,
            String instructions,
            String length,
            String pauseMin,
            String pauseMax,
            String brk) {
        return person(topics, instructions, length, pauseMin, pauseMax, brk).stream()
                .filter(p -> !p.name().equals("org_share"))
                .toList();
    }

    private static List<ParamSpec> person(
            String topics,
            String instructions,
            String length,
            String pauseMin,
            String pauseMax,
            String brk) {
        return List.of(
                ParamSpec.of("topics", INTEGER, topics, "topics of interest"),
                ParamSpec.of(
                        "instruction_share",
                        SHARE,
                        instructions,
                        "new queries that are instructions"),
                ParamSpec.of("session_length", NUMBER, length, "mean queries per session"),
                ParamSpec.of("pause_min", DURATION, pauseMin, "shortest pause in a session"),
                ParamSpec.of("pause_max", DURATION, pauseMax, "longest pause in a session"),
                ParamSpec.of(
                        "break", DURATION, brk, "mean break between sessions at the busiest hour"),
                ParamSpec.of("repeat_share", SHARE, "0.05", "queries repeating a recent one"),
                ParamSpec.of(
                        "reformulation_share",
                        SHARE,
                        "0.12",
                        "queries rephrasing the previous one"),
                ParamSpec.of(
                        "org_share",
                        SHARE,
                        "0.6",
                        "people of one of the world's organisations (shared /24 and browser)"),
                ParamSpec.of("start", DURATION, "0..4h", "when they start"));
    }

    private static List<ParamSpec> endUsers(String users) {
        return List.of(
                ParamSpec.of("end_users", INTEGER, users, "end users behind the key"),
                ParamSpec.of("session_length", NUMBER, "4", "end users' mean requests per session"),
                ParamSpec.of(
                        "pause_min", DURATION, "15s", "end users' shortest pause in a session"),
                ParamSpec.of("pause_max", DURATION, "90s", "end users' longest pause in a session"),
                ParamSpec.of("break", DURATION, "2h", "end users' mean break between sessions"),
                ParamSpec.of("start", DURATION, "0..1h", "when it starts"));
    }

    private static List<ParamSpec> natGroup(
            String size,
            String popular,
            String popularShare,
            String length,
            String pauseMin,
            String pauseMax,
            String brk,
            String schedule,
            String agent) {
        return List.of(
                ParamSpec.of("group_size", INTEGER, size, "members behind one address"),
                ParamSpec.of("popular", INTEGER, popular, "the group's popular questions"),
                ParamSpec.of(
                        "popular_share",
                        SHARE,
                        popularShare,
                        "members' queries taken from the popular ones"),
                ParamSpec.of("topics", INTEGER, "2..4", "each member's own topics"),
                ParamSpec.of(
                        "instruction_share",
                        SHARE,
                        "0.1",
                        "members' own queries that are instructions"),
                ParamSpec.of("session_length", NUMBER, length, "mean queries per session"),
                ParamSpec.of("pause_min", DURATION, pauseMin, "shortest pause in a session"),
                ParamSpec.of("pause_max", DURATION, pauseMax, "longest pause in a session"),
                ParamSpec.of("break", DURATION, brk, "mean break between sessions"),
                ParamSpec.choice(
                        "schedule",
                        schedule,
                        List.of("class", "workday"),
                        "class: everyone within one lesson; workday: the whole world"),
                ParamSpec.of("lesson", DURATION, "60m..120m", "class: length of the lesson"),
                ParamSpec.of("temperature", NUMBER, "0.2..1.0", "the group's shared temperature"),
                ParamSpec.of("max_tokens", INTEGER, "256..1024", "the group's shared answer limit"),
                ParamSpec.choice("agent", agent, List.of("sdk", "browser"), "the group's client"));
    }

    private static List<ParamSpec> attack(String budget, String pace, String period, String agent) {
        List<ParamSpec> out = new ArrayList<>();
        out.add(
                ParamSpec.of(
                        "budget", INTEGER, budget, "attack queries (Sybil, hydra: of a campaign)"));
        out.addAll(pace(pace, period));
        out.add(
                ParamSpec.choice(
                        "agent",
                        agent,
                        List.of("sdk", "browser"),
                        "client library or browser user agent"));
        out.add(ParamSpec.of("tenant_share", SHARE, "0.5", "attackers using a company account"));
        return out;
    }

    private static List<ParamSpec> harvester(
            String temperature, String maxTokens, String paraphrase, String repeatShare) {
        return List.of(
                ParamSpec.of("temperature", NUMBER, temperature, "constant temperature"),
                ParamSpec.of("max_tokens", INTEGER, maxTokens, "constant answer limit"),
                ParamSpec.of("paraphrase", BOOLEAN, paraphrase, "paraphrase every prompt lightly"),
                ParamSpec.of(
                        "repeat_share", SHARE, repeatShare, "requests repeating a recent prompt"));
    }
}
