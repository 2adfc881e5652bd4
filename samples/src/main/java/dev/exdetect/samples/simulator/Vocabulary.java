package dev.exdetect.samples.simulator;

import java.util.List;
import java.util.Random;

/**
 * Built-in word lists for generated queries, so the simulator works without any external corpus.
 * Small on purpose: enough variety that distinct generated queries rarely share word 3-shingles by
 * chance, which is what the near-duplicate features measure.
 */
final class Vocabulary {
    static final List<String> TOPICS =
            List.of(
                    "photosynthesis",
                    "the french revolution",
                    "black holes",
                    "compound interest",
                    "the immune system",
                    "plate tectonics",
                    "machine learning",
                    "the roman empire",
                    "climate change",
                    "quantum computing",
                    "the stock market",
                    "vaccines",
                    "renewable energy",
                    "the printing press",
                    "volcanoes",
                    "supply and demand",
                    "the water cycle",
                    "dna replication",
                    "the cold war",
                    "electric cars",
                    "inflation",
                    "the renaissance",
                    "neural networks",
                    "coral reefs",
                    "the silk road",
                    "blockchain",
                    "the human brain",
                    "ancient egypt",
                    "sleep cycles",
                    "jazz music",
                    "the olympic games",
                    "antibiotics",
                    "solar panels",
                    "the moon landing",
                    "honeybees",
                    "cryptography",
                    "the industrial revolution",
                    "earthquakes",
                    "meditation",
                    "dark matter");

    static final List<String> QUESTION_FORMS =
            List.of(
                    "what is %s",
                    "how does %s work",
                    "can you explain %s simply",
                    "why is %s important",
                    "give me a short summary of %s",
                    "what are common myths about %s",
                    "who first studied %s",
                    "how has %s changed over time",
                    "what should a beginner know about %s",
                    "is %s still relevant today");

    static final List<String> TASKS =
            List.of(
                    "Write a",
                    "Compose a",
                    "Draft a",
                    "Create a",
                    "Produce a",
                    "Generate a",
                    "Outline a",
                    "Design a");

    static final List<String> ADJECTIVES =
            List.of(
                    "detailed",
                    "concise",
                    "persuasive",
                    "humorous",
                    "formal",
                    "step-by-step",
                    "creative",
                    "technical",
                    "friendly",
                    "critical",
                    "balanced",
                    "vivid",
                    "rigorous",
                    "playful");

    static final List<String> FORMATS =
            List.of(
                    "essay",
                    "poem",
                    "product description",
                    "lesson plan",
                    "email",
                    "dialogue",
                    "news article",
                    "recipe",
                    "story",
                    "tutorial",
                    "speech",
                    "limerick",
                    "cover letter",
                    "summary",
                    "quiz");

    static final List<String> AUDIENCES =
            List.of(
                    "for children",
                    "for engineers",
                    "for a job interview",
                    "for beginners",
                    "for a newsletter",
                    "for a museum guide",
                    "for retirees",
                    "for high school students",
                    "for investors",
                    "for a podcast intro");

    static final List<String> CONSTRAINTS =
            List.of(
                    "in under 200 words",
                    "using exactly three examples",
                    "with a surprising twist",
                    "in the style of a pirate",
                    "as a numbered list",
                    "without using the letter e",
                    "with a table of pros and cons",
                    "ending with a question",
                    "in plain english",
                    "citing two historical facts");

    private Vocabulary() {}

    static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
