package dev.exdetect.simulation.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.TrafficSimulator;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small worlds for tests: built-in corpus, synthetic victim, simulated to the end. */
final class Worlds {
    private Worlds() {}

    /** A world of {@code cohorts} (YAML list items), {@code duration} long. */
    static World of(String duration, String victim, String... cohorts) {
        StringBuilder y =
                new StringBuilder(
                        "seed: 17\nstart: 2026-11-02T09:00:00Z\nduration: "
                                + duration
                                + "\nvictim: "
                                + victim
                                + "\ncorpus: built-in\ncohorts:\n");
        for (String c : cohorts) {
            y.append("  - ").append(c).append('\n');
        }
        return WorldParser.parse(y.toString(), "test.yaml", "test");
    }

    /** A simulated world: each client's records, in event-time order. */
    record Run(WorldPlan plan, TrafficSimulator sim, Map<SimClient, List<ObjectNode>> records) {
        /** The clients of cohort {@code name}. */
        List<SimClient> cohort(String name) {
            return plan.clients().stream().filter(c -> c.archetype().equals(name)).toList();
        }

        /** The records of the clients of cohort {@code name}, in event-time order. */
        List<ObjectNode> of(String name) {
            List<ObjectNode> out = new ArrayList<>();
            records.forEach(
                    (c, r) -> {
                        if (c.archetype().equals(name)) {
                            out.addAll(r);
                        }
                    });
            out.sort(java.util.Comparator.comparingLong(r -> r.path("timestamp").asLong()));
            return out;
        }
    }

    /** Builds and simulates {@code world} to its end. */
    static Run run(World world) {
        WorldPlan plan;
        try {
            plan = WorldBuilder.build(world, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TrafficSimulator sim = plan.simulator();
        Map<SimClient, List<ObjectNode>> records = new LinkedHashMap<>();
        plan.clients().forEach(c -> records.put(c, new ArrayList<>()));
        while (sim.hasNext()) {
            ObjectNode r = sim.next();
            records.get(plan.clients().get(sim.lastClient())).add(r);
        }
        return new Run(plan, sim, records);
    }
}
