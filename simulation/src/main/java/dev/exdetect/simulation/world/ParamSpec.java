package dev.exdetect.simulation.world;

import java.util.List;

/**
 * A parameter an archetype takes: its name, type, default (written as in a world file) and, for a
 * choice, the words allowed.
 *
 * @param name the key in a cohort
 * @param type what it holds
 * @param defaultText the value when a cohort does not set it
 * @param choices the words a {@link ParamType#CHOICE} allows, else empty
 * @param help one line for the catalogue
 */
public record ParamSpec(
        String name, ParamType type, String defaultText, List<String> choices, String help) {
    /** A parameter that is not a choice. */
    public static ParamSpec of(String name, ParamType type, String defaultText, String help) {
        return new ParamSpec(name, type, defaultText, List.of(), help);
    }

    /** A choice among {@code choices}. */
    public static ParamSpec choice(
            String name, String defaultText, List<String> choices, String help) {
        return new ParamSpec(name, ParamType.CHOICE, defaultText, choices, help);
    }

    /** The default, parsed. */
    public ParamValue defaultValue() {
        return ParamValue.parse(defaultText, type, choices);
    }
}
