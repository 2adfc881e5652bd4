package dev.exdetect.simulation.corpus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates the built-in text pools from {@link Vocabulary}, for runs without a corpus. Fixed
 * seeds: the pools are the same in every run, like files would be.
 */
final class BuiltInTexts {
    private BuiltInTexts() {}

    /** Questions per topic; consecutive questions share a topic, as in the real corpora. */
    static final int QUESTIONS_PER_TOPIC = 50;

    /** Short questions, grouped by topic. */
    static List<String> questions() {
        Random random = new Random(101);
        List<String> topics = concat(Vocabulary.TOPICS, Vocabulary.MORE_TOPICS);
        List<String> forms = concat(Vocabulary.QUESTION_FORMS, Vocabulary.MORE_QUESTION_FORMS);
        List<String> out = new ArrayList<>();
        for (String topic : topics) {
            Set<String> mine = new LinkedHashSet<>();
            while (mine.size() < QUESTIONS_PER_TOPIC) {
                String q =
                        String.format(Vocabulary.pick(forms, random), topic)
                                + Vocabulary.pick(Vocabulary.ASPECTS, random)
                                + "?";
                mine.add(Character.toUpperCase(q.charAt(0)) + q.substring(1));
            }
            out.addAll(mine);
        }
        return List.copyOf(out);
    }

    /** Instruction-style requests people write for their own needs. */
    static List<String> instructions() {
        List<String> out = new ArrayList<>();
        for (String form : Vocabulary.INSTRUCTION_FORMS) {
            for (String errand : Vocabulary.ERRANDS) {
                out.add(String.format(form, errand));
            }
        }
        for (String language : Vocabulary.LANGUAGES) {
            for (String task : Vocabulary.CODE_TASKS) {
                out.add("How do I write a " + language + " function that " + task + "?");
            }
        }
        Collections.shuffle(out, new Random(102));
        return List.copyOf(out);
    }

    /** Seed tasks of a self-instruct pipeline: a fixed sample of diverse instructions. */
    static List<String> seedTasks() {
        List<String> pool = new ArrayList<>(instructions());
        Collections.shuffle(pool, new Random(103));
        return List.copyOf(pool.subList(0, 175));
    }

    /** Code-generation prompts: one narrow capability. */
    static List<String> codePrompts() {
        List<String> out = new ArrayList<>();
        for (String language : Vocabulary.LANGUAGES) {
            for (String task : Vocabulary.CODE_TASKS) {
                for (String extra :
                        List.of(
                                "Include unit tests.",
                                "Explain its time complexity.",
                                "Handle invalid input.",
                                "Add docstrings and type hints where the language has them.")) {
                    out.add("Write a " + language + " function that " + task + ". " + extra);
                }
            }
        }
        Collections.shuffle(out, new Random(104));
        return List.copyOf(out);
    }

    /** Instruction-style prompts of a distillation run: diverse tasks, formats and audiences. */
    static List<String> extractionPrompts() {
        Random random = new Random(105);
        Set<String> out = new LinkedHashSet<>();
        while (out.size() < 5000) {
            out.add(Vocabulary.instructionPrompt(random));
        }
        List<String> list = new ArrayList<>(out);
        list.addAll(codePrompts().subList(0, 400));
        Collections.shuffle(list, random);
        return List.copyOf(list);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
