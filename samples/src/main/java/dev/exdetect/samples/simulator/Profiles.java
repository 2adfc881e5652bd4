package dev.exdetect.samples.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;

/**
 * The built-in client profiles: a benign interactive user, a distillation attacker and a
 * near-duplicate prober. (The full set of benign and attack families belongs to the detection
 * benchmark.)
 */
public final class Profiles {
    private Profiles() {}

    /**
     * A person using a chat assistant: a few topics of interest, irregular pauses of seconds to
     * minutes, occasional reformulations.
     */
    public static ClientProfile interactiveUser(Random seedRandom) {
        String[] interests = {
            Vocabulary.pick(Vocabulary.TOPICS, seedRandom),
            Vocabulary.pick(Vocabulary.TOPICS, seedRandom),
            Vocabulary.pick(Vocabulary.TOPICS, seedRandom)
        };
        return new ClientProfile() {
            @Override
            public String role() {
                return "benign";
            }

            @Override
            public String family() {
                return "interactive-user";
            }

            @Override
            public long nextDelayMillis(Random random) {
                // Bursty: mostly 5-40 s apart, sometimes a long pause.
                return random.nextDouble() < 0.1
                        ? 60_000 + random.nextInt(240_000)
                        : 5_000 + random.nextInt(35_000);
            }

            @Override
            public void fill(ObjectNode request, Random random) {
                String topic = interests[random.nextInt(interests.length)];
                String text =
                        String.format(Vocabulary.pick(Vocabulary.QUESTION_FORMS, random), topic)
                                + "?";
                chat(
                        request,
                        text,
                        0.2 + random.nextInt(8) / 10.0,
                        256 + 128 * random.nextInt(4),
                        false,
                        random);
            }
        };
    }

    /**
     * Harvests answers to diverse instruction prompts to train a student model: fast, steady, every
     * prompt different, the same decoding parameters on every call.
     */
    public static ClientProfile distillation(long meanDelayMillis) {
        return new ClientProfile() {
            @Override
            public String role() {
                return "attack";
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
                String text =
                        Vocabulary.pick(Vocabulary.TASKS, random)
                                + " "
                                + Vocabulary.pick(Vocabulary.ADJECTIVES, random)
                                + " "
                                + Vocabulary.pick(Vocabulary.FORMATS, random)
                                + " about "
                                + Vocabulary.pick(Vocabulary.TOPICS, random)
                                + " "
                                + Vocabulary.pick(Vocabulary.AUDIENCES, random)
                                + ", "
                                + Vocabulary.pick(Vocabulary.CONSTRAINTS, random)
                                + ".";
                chat(request, text, 0.7, 2048, false, random);
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
                return "attack";
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
                ObjectNode params = chat(request, String.join(" ", variant), 0.0, 1, true, random);
                params.putObject("logit_bias")
                        .put(Integer.toString(1000 + (step++ % 50)), -100 + random.nextInt(200));
            }
        };
    }

    /** Fills a chat-completion request and its answer; returns the params object for additions. */
    private static ObjectNode chat(
            ObjectNode request,
            String text,
            double temperature,
            int maxTokens,
            boolean logprobs,
            Random random) {
        request.put("model", "assistant-large-2026-10");
        request.put("endpoint", "/v1/chat/completions");
        request.putObject("input").put("text", text);
        ObjectNode params = request.putObject("params");
        params.put("temperature", temperature);
        params.put("max_tokens", maxTokens);
        if (logprobs) {
            params.put("logprobs", true);
            params.put("top_logprobs", 5);
        }
        ObjectNode output = request.putObject("output");
        output.put("tokens", Math.min(maxTokens, 20 + random.nextInt(400)));
        output.put("logprobs", logprobs);
        request.put("status", 200);
        request.put("latency_ms", 150 + random.nextInt(900));
        return params;
    }
}
