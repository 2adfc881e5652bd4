package dev.exdetect.simulation.world;

import java.util.Map;

/**
 * One cohort of a world: {@code count} clients of an archetype with its parameters.
 *
 * @param name what the ground truth and the reports call its clients' archetype (the archetype's
 *     name unless the cohort sets {@code name})
 * @param archetype the kind of client
 * @param count clients (accounts, for groups and campaigns)
 * @param params the cohort's parameters, every one of the archetype's (defaults filled in)
 * @param line where the cohort starts in its file
 */
public record Cohort(
        String name, Archetype archetype, int count, Map<String, ParamValue> params, int line) {
    /** The parameter {@code key} (a bug if the archetype does not take it). */
    public ParamValue param(String key) {
        ParamValue v = params.get(key);
        if (v == null) {
            throw new IllegalStateException(archetype.name() + " has no parameter " + key);
        }
        return v;
    }
}
