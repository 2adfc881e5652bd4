package dev.exdetect.simulation.profile;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client families of the simulation: what each simulated client is, for the ground truth, the
 * benchmark's per-family table and {@code audit --attack}. Attack families carry the default query
 * budget the benchmark varies around.
 *
 * <p>The families of the seed benchmark ({@link #attacks()}, {@link #benign()}) are those of the
 * single-world {@code benchmark} and of {@code audit}; the others appear only in worlds ({@code
 * samples/worlds}), whose cohorts may use every family ({@link #inWorlds()}).
 */
public enum Family {
    INTERACTIVE_USER(
            false, false, 0, "a person in a chat app: sessions, a few topics, rephrasings"),
    POWER_USER(false, false, 0, "a heavy chat user: long sessions, questions and instructions"),
    TEMPLATE_APP(false, false, 0, "an app wrapping its users' text in a fixed prompt, high volume"),
    FAQ_BOT(false, false, 0, "a support bot sending the same few questions again and again"),
    RETRY_STORM(false, false, 0, "an integration that retries failed calls in bursts"),
    BATCH_SCORING(false, true, 0, "a batch job scoring real records with probabilities"),
    VECTOR_APP(false, true, 0, "an app sending real rows to the vector classifier"),

    DISTILLATION(true, false, 3000, "diverse instruction prompts to train a student model"),
    SELF_INSTRUCT(true, false, 2000, "a long meta-prompt with sampled seed tasks, fixed decoding"),
    FUNCTIONALITY_STEALING(true, false, 3000, "one narrow capability at high volume"),
    EQUATION_SOLVING(true, true, 1000, "uniform points in the feature box, full probabilities"),
    JACOBIAN_AUGMENTATION(true, true, 1200, "seed rows perturbed round after round"),
    KNOCKOFF(true, true, 2000, "natural rows from another distribution, probabilities"),
    LOGIT_SWEEP(true, false, 2000, "one fixed prompt, logit_bias swept, logprobs requested"),
    LOW_AND_SLOW(true, false, 1000, "distillation at a person's pace"),
    MIXED_50(true, false, 1000, "distillation prompts as 50% of otherwise normal traffic"),
    MIXED_20(true, false, 600, "distillation prompts as 20% of otherwise normal traffic"),
    SYBIL(true, false, 6000, "one distillation budget split over 10-50 related accounts"),
    /** The demo's near-duplicate prober (not part of the benchmark population). */
    PARAMETER_PROBING(true, false, 0, "one prompt with small edits and logit_bias sweeps"),

    // Worlds only.
    INTEGRATION(
            false,
            false,
            0,
            "a back-office job calling the API with a fixed instruction, maybe retrying",
            false),
    B2B_PRODUCT(
            false,
            false,
            0,
            "a product forwarding many end users' questions through one key",
            false),
    EVAL_RUN(false, false, 0, "a public benchmark's questions, each once, in a tight loop", false),
    NAT_GROUP(
            false,
            false,
            0,
            "people behind one NAT address sharing parameters (a class, an office)",
            false),
    MIXED_5(true, false, 100, "distillation prompts as 5% of otherwise normal traffic", false),
    HYDRA(
            true,
            false,
            3000,
            "accounts used one after another, each carrying on where the last stopped",
            false),
    BOUNDARY_SEARCH(true, true, 1000, "label-only line searches for the decision boundary", false);

    private final boolean attack;
    private final boolean vector;
    private final long defaultBudget;
    private final String description;
    private final boolean seedBenchmark;

    Family(boolean attack, boolean vector, long defaultBudget, String description) {
        this(attack, vector, defaultBudget, description, true);
    }

    Family(
            boolean attack,
            boolean vector,
            long defaultBudget,
            String description,
            boolean seedBenchmark) {
        this.attack = attack;
        this.vector = vector;
        this.defaultBudget = defaultBudget;
        this.description = description;
        this.seedBenchmark = seedBenchmark;
    }

    /** The name in ground-truth files and reports, e.g. {@code equation-solving}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@link ClientProfile#ATTACK} or {@link ClientProfile#BENIGN}. */
    public String role() {
        return attack ? ClientProfile.ATTACK : ClientProfile.BENIGN;
    }

    /** Whether clients of this family are attackers. */
    public boolean isAttack() {
        return attack;
    }

    /** Whether clients of this family query the numeric-vector API (else the chat API). */
    public boolean isVector() {
        return vector;
    }

    /** The benchmark's typical query budget (for Sybil: the whole campaign's). */
    public long defaultBudget() {
        return defaultBudget;
    }

    /** One line on what the family does. */
    public String description() {
        return description;
    }

    /** The benign families of the seed benchmark, in table order. */
    public static List<Family> benign() {
        return Arrays.stream(values()).filter(f -> !f.attack && f.seedBenchmark).toList();
    }

    /** The attack families of the seed benchmark and of {@code audit}, in table order. */
    public static List<Family> attacks() {
        return Arrays.stream(values())
                .filter(f -> f.attack && f.seedBenchmark && f != PARAMETER_PROBING)
                .toList();
    }

    /** Every family a world's cohort may have, benign first, in table order. */
    public static List<Family> inWorlds() {
        List<Family> out = new java.util.ArrayList<>(benign());
        Arrays.stream(values()).filter(f -> !f.attack && !f.seedBenchmark).forEach(out::add);
        out.addAll(attacks());
        Arrays.stream(values()).filter(f -> f.attack && !f.seedBenchmark).forEach(out::add);
        return List.copyOf(out);
    }

    /** The family with this {@link #id()}; the message lists the valid ones. */
    public static Family byId(String id) {
        for (Family f : values()) {
            if (f.id().equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown family '"
                        + id
                        + "'; attack families: "
                        + String.join(", ", attacks().stream().map(Family::id).toList()));
    }
}
