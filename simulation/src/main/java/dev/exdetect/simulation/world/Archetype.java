package dev.exdetect.simulation.world;

import dev.exdetect.simulation.profile.Family;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kind of client a world's cohort can be made of: its name in world files, the ground-truth
 * family its clients belong to (for {@code mixed}, the family follows the attack share), whether it
 * is a legitimate application (one of the archetypes that must never be enforced on, as
 * opposed to an individual person), and the parameters it takes with their defaults.
 *
 * @param name the {@code archetype} of a cohort
 * @param family the ground-truth family
 * @param app a legitimate application or group (benign archetypes only)
 * @param description one line for the catalogue
 * @param params parameters by name, in catalogue order
 */
public record Archetype(
        String name,
        Family family,
        boolean app,
        String description,
        Map<String, ParamSpec> params) {

    /** An archetype with {@code params}. */
    public static Archetype of(
            String name, Family family, boolean app, String description, List<ParamSpec> params) {
        Map<String, ParamSpec> m = new LinkedHashMap<>();
        for (ParamSpec p : params) {
            if (m.put(p.name(), p) != null) {
                throw new IllegalStateException(name + " lists " + p.name() + " twice");
            }
            // Every default must parse: a catalogue error is a bug, found at class loading.
            p.defaultValue();
        }
        return new Archetype(
                name, family, app, description, java.util.Collections.unmodifiableMap(m));
    }

    /** Whether its clients are attackers. */
    public boolean attack() {
        return family.isAttack();
    }
}
