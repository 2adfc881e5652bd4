package dev.exdetect.evaluation.worlds;

import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.world.Cohort;
import dev.exdetect.simulation.world.WorldPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client of a world as the benchmark scores it: its ground truth (role, family, archetype,
 * budget, campaign) and whether its archetype is a legitimate application.
 *
 * @param index its index in the simulation
 * @param clientId its id
 * @param family its family
 * @param archetype its cohort's name
 * @param app a legitimate application or group (never to be enforced on)
 * @param budget its attack budget (0 for benign clients; a campaign member's own share)
 * @param campaign its Sybil campaign or hydra chain, or null
 */
public record WorldClient(
        int index,
        String clientId,
        Family family,
        String archetype,
        boolean app,
        long budget,
        String campaign) {
    /** Whether it is an attacker. */
    public boolean attack() {
        return family.isAttack();
    }

    /** The clients of {@code plan}, in simulation order. */
    public static List<WorldClient> of(WorldPlan plan) {
        Map<String, Cohort> cohorts = new HashMap<>();
        for (Cohort c : plan.world().cohorts()) {
            cohorts.put(c.name(), c);
        }
        List<WorldClient> out = new ArrayList<>();
        for (int i = 0; i < plan.clients().size(); i++) {
            SimClient c = plan.clients().get(i);
            Cohort cohort = cohorts.get(c.archetype());
            out.add(
                    new WorldClient(
                            i,
                            c.clientId(),
                            Family.byId(c.profile().family()),
                            c.archetype(),
                            cohort != null && cohort.archetype().app(),
                            Math.max(0, c.profile().budget()),
                            c.campaign()));
        }
        return List.copyOf(out);
    }
}
