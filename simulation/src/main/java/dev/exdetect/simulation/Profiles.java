package dev.exdetect.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.benign.ChatUser;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.corpus.Vocabulary;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.Requests;
import java.util.Random;

/**
 * The demo's client profiles: a benign interactive user, a distillation attacker and a
 * near-duplicate prober. The benchmark's families are built by {@link Population}.
 */
public final class Profiles {
    private Profiles() {}

    /**
     * A person using a chat assistant, at the demo's brisk pace: a few topics of interest, pauses
     * of seconds to minutes, rephrasings and repeats (see {@link ChatUser#demo}).
     */
    public static ClientProfile interactiveUser(Random seedRandom) {
        return ChatUser.demo(Corpus.builtIn(), seedRandom);
    }

    /**
     * Harvests answers to diverse instruction prompts to train a student model: fast, steady, every
     * prompt different, the same decoding parameters on every call.
     */
    public static ClientProfile distillation(long meanDelayMillis) {
        return new ClientProfile() {
            @Override
            public String role() {
                return ATTACK;
            }

            @Override
            public String family() {
                return "distillation";
            }

            @Override
            public long nextDelayMillis(Random random) {
                return Math.max(1, (long) (meanDelayMillis * (0.8 + 0.4 * random.nextDouble())));
            }

            @Override
            public void fill(ObjectNode request, Random random) {
                String text = Vocabulary.instructionPrompt(random);
                Requests.chat(request, text, 0.7, 2048, false, random);
            }
        };
    }

    /**
     * Probes the model around one prompt: the same text with one word changed, and sweeps of {@code
     * logit_bias} with log-probabilities requested.
     */
    public static ClientProfile nearDuplicateProber(long meanDelayMillis, Random seedRandom) {
        String base =
                "Classify the sentiment of this review as positive or negative: the "
                        + Vocabulary.pick(Vocabulary.TOPICS, seedRandom)
                        + " documentary was long but I learned a lot and would watch it again";
        String[] words = base.split(" ");
        return new ClientProfile() {
            private int step;

            @Override
            public String role() {
                return ATTACK;
            }

            @Override
            public String family() {
                return "parameter-probing";
            }

            @Override
            public long nextDelayMillis(Random random) {
                return Math.max(1, (long) (meanDelayMillis * (0.9 + 0.2 * random.nextDouble())));
            }

            @Override
            public void fill(ObjectNode request, Random random) {
                String[] variant = words.clone();
                variant[variant.length - 1 - random.nextInt(4)] =
                        Vocabulary.pick(Vocabulary.ADJECTIVES, random);
                ObjectNode params =
                        Requests.chat(request, String.join(" ", variant), 0.0, 1, true, random);
                params.putObject("logit_bias")
                        .put(Integer.toString(1000 + (step++ % 50)), -100 + random.nextInt(200));
            }
        };
    }
}
