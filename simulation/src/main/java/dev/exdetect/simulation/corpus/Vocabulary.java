package dev.exdetect.simulation.corpus;

import java.util.List;
import java.util.Random;

/**
 * Built-in word lists for generated queries, so the simulator works without any external corpus.
 * Enough variety that distinct generated queries rarely share word 3-shingles by chance, which is
 * what the near-duplicate features measure. {@link BuiltInTexts} combines them into questions,
 * instructions and prompts.
 */
public final class Vocabulary {
    public static final List<String> TOPICS =
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

    public static final List<String> QUESTION_FORMS =
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

    public static final List<String> TASKS =
            List.of(
                    "Write a",
                    "Compose a",
                    "Draft a",
                    "Create a",
                    "Produce a",
                    "Generate a",
                    "Outline a",
                    "Design a");

    public static final List<String> ADJECTIVES =
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

    public static final List<String> FORMATS =
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

    public static final List<String> AUDIENCES =
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

    public static final List<String> CONSTRAINTS =
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

    /** More topics for benign questions (the demo attackers draw from {@link #TOPICS} only). */
    public static final List<String> MORE_TOPICS =
            List.of(
                    "sourdough bread",
                    "marathon training",
                    "tax returns",
                    "houseplants",
                    "the electoral college",
                    "credit scores",
                    "kubernetes",
                    "python decorators",
                    "sql joins",
                    "git rebase",
                    "react hooks",
                    "rust ownership",
                    "docker volumes",
                    "regular expressions",
                    "unit testing",
                    "css grid",
                    "the great barrier reef",
                    "chess openings",
                    "jet lag",
                    "vitamin d",
                    "the byzantine empire",
                    "origami",
                    "bird migration",
                    "composting",
                    "mortgages",
                    "the periodic table",
                    "shakespeare's sonnets",
                    "impressionist painting",
                    "wind turbines",
                    "the panama canal",
                    "password managers",
                    "public speaking",
                    "home espresso",
                    "knitting",
                    "astrophotography",
                    "the federal reserve",
                    "gut bacteria",
                    "electric guitars",
                    "typescript generics",
                    "linear regression");

    /** More ways of asking, each with one {@code %s} for the topic. */
    public static final List<String> MORE_QUESTION_FORMS =
            List.of(
                    "what is the history of %s",
                    "what are the pros and cons of %s",
                    "how do i get started with %s",
                    "what is the best book about %s",
                    "how do experts measure %s",
                    "what is a common mistake with %s",
                    "how would you teach %s to a ten year old",
                    "what does the latest research say about %s",
                    "what is the difference between %s and its alternatives",
                    "how much does %s cost",
                    "where can i learn more about %s",
                    "what are three fun facts about %s",
                    "why do people disagree about %s",
                    "what vocabulary should i know for %s",
                    "how is %s regulated",
                    "what are the limits of %s",
                    "how do i explain %s in an interview",
                    "what tools help with %s",
                    "what is the future of %s",
                    "how does %s affect everyday life");

    /** Optional endings that make a question more specific. */
    public static final List<String> ASPECTS =
            List.of(
                    "",
                    "",
                    "",
                    " for a school project",
                    " in two sentences",
                    " with an example",
                    " step by step",
                    " for my grandmother",
                    " in europe",
                    " over the last decade",
                    " and what are the risks",
                    " for a small business",
                    " compared with ten years ago",
                    " if i only have an hour");

    /** Ways a person rephrases a question that did not get the answer they wanted. */
    public static final List<String> REFORMULATIONS =
            List.of(
                    "%s, in simpler words",
                    "sorry, I meant: %s",
                    "%s (short answer please)",
                    "%s, with a concrete example",
                    "let me rephrase: %s",
                    "%s? explain like I'm new to this",
                    "%s, and cite a source");

    /** Programming languages for code prompts. */
    public static final List<String> LANGUAGES =
            List.of(
                    "Python",
                    "JavaScript",
                    "Java",
                    "C++",
                    "Go",
                    "Rust",
                    "SQL",
                    "Bash",
                    "TypeScript",
                    "C#",
                    "Ruby",
                    "Kotlin");

    /** What a function in a code prompt does. */
    public static final List<String> CODE_TASKS =
            List.of(
                    "reverses a linked list",
                    "parses a CSV file into records",
                    "checks whether a string is a palindrome",
                    "computes the median of a stream of numbers",
                    "validates an email address",
                    "merges two sorted arrays",
                    "counts word frequencies in a text",
                    "finds the shortest path in a grid",
                    "converts Roman numerals to integers",
                    "retries an HTTP request with exponential backoff",
                    "flattens a nested dictionary",
                    "detects a cycle in a directed graph",
                    "implements an LRU cache",
                    "formats a duration in human-readable form",
                    "deduplicates records by key",
                    "computes a moving average",
                    "generates all permutations of a list",
                    "reads a config file with defaults",
                    "rate-limits calls with a token bucket",
                    "serializes a tree to JSON");

    /** Things people write instructions about. */
    public static final List<String> ERRANDS =
            List.of(
                    "a birthday party for my daughter",
                    "a team offsite",
                    "a job application to a bakery",
                    "a complaint about a late delivery",
                    "a weekly meal plan",
                    "a garden for a shady balcony",
                    "a reading list on history",
                    "a speech for my sister's wedding",
                    "a budget for a student",
                    "a two-week trip to japan",
                    "a workout for bad knees",
                    "a thank-you note to a teacher",
                    "a product launch announcement",
                    "a landlord about a broken heater",
                    "a cover letter for a data analyst role",
                    "a neighbourhood cleanup day",
                    "a quiz night for friends",
                    "an apology to a customer",
                    "a lesson on fractions",
                    "a farewell message to a colleague");

    /** Instruction templates, each with one {@code %s}. */
    public static final List<String> INSTRUCTION_FORMS =
            List.of(
                    "Help me plan %s.",
                    "Write a short email about %s.",
                    "Draft a checklist for %s.",
                    "Suggest five ideas for %s.",
                    "Give me a timeline for %s.",
                    "What should I keep in mind for %s?",
                    "Rewrite my notes on %s as a clear paragraph.",
                    "Make a table of costs for %s.",
                    "Proofread my message about %s and fix the tone.",
                    "Outline the steps for %s, with rough durations.");

    private Vocabulary() {}

    /**
     * An instruction-style prompt of a distillation run, e.g. "Draft a vivid recipe about volcanoes
     * for beginners, as a numbered list."
     */
    public static String instructionPrompt(Random random) {
        return pick(TASKS, random)
                + " "
                + pick(ADJECTIVES, random)
                + " "
                + pick(FORMATS, random)
                + " about "
                + pick(TOPICS, random)
                + " "
                + pick(AUDIENCES, random)
                + ", "
                + pick(CONSTRAINTS, random)
                + ".";
    }

    /** A uniformly chosen element. */
    public static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
