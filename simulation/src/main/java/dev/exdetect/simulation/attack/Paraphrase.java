package dev.exdetect.simulation.attack;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Light paraphrases of an extraction prompt, so that a distiller's prompts do not match a public
 * list verbatim and read like a person's: a polite opening, a few words swapped for synonyms, a
 * closing remark, the final full stop dropped. The task stays the same.
 */
public final class Paraphrase {
    private static final List<String> OPENINGS =
            List.of("", "", "Please ", "Could you ", "Can you please ", "I need you to ", "Hey, ");

    private static final List<String> CLOSINGS =
            List.of("", "", "", " Thanks!", " Thank you.", " Keep it short.", " Be detailed.");

    private static final String[][] SYNONYMS = {
        {"write", "compose"},
        {"describe", "explain"},
        {"create", "make"},
        {"imagine", "pretend"},
        {"list", "give"},
        {"explain", "tell me about"},
        {"provide", "give"},
        {"generate", "produce"},
        {"function", "method"},
        {"story", "tale"},
        {"brief", "short"},
        {"simple", "basic"}
    };

    private static final Pattern WORD = Pattern.compile("\\b[A-Za-z]+\\b");

    private final double synonymChance;

    /** Each word with a synonym is swapped with chance {@code synonymChance}. */
    public Paraphrase(double synonymChance) {
        this.synonymChance = synonymChance;
    }

    /** A light paraphrase of {@code prompt}. */
    public String apply(String prompt, Random random) {
        Matcher m = WORD.matcher(prompt);
        StringBuilder swapped = new StringBuilder();
        while (m.find()) {
            String w = m.group();
            String replacement = w;
            for (String[] pair : SYNONYMS) {
                if (pair[0].equalsIgnoreCase(w) && random.nextDouble() < synonymChance) {
                    replacement = sameCase(w, pair[1]);
                    break;
                }
            }
            m.appendReplacement(swapped, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(swapped);
        String text = swapped.toString().strip();
        String opening = OPENINGS.get(random.nextInt(OPENINGS.size()));
        if (!opening.isEmpty() && !text.isEmpty()) {
            text = opening + Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        if (text.endsWith(".") && random.nextBoolean()) {
            text = text.substring(0, text.length() - 1);
        }
        return text + CLOSINGS.get(random.nextInt(CLOSINGS.size()));
    }

    private static String sameCase(String original, String replacement) {
        return Character.isUpperCase(original.charAt(0))
                ? replacement.substring(0, 1).toUpperCase(Locale.ROOT) + replacement.substring(1)
                : replacement;
    }
}
