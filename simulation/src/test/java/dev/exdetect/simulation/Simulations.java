package dev.exdetect.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import java.util.ArrayList;
import java.util.List;

/** Runs simulations to their end in tests. */
final class Simulations {
    static final long START = 1_793_613_600_000L; // 2026-11-02T10:00:00Z

    private Simulations() {}

    /** A finished simulation: its records in order and the simulator (for its counters). */
    record Run(TrafficSimulator sim, List<ObjectNode> records, List<Integer> senders) {
        /** The records sent by clients of {@code family}. */
        List<ObjectNode> of(Family family) {
            List<ObjectNode> out = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                if (sim.clients().get(senders.get(i)).profile().family().equals(family.id())) {
                    out.add(records.get(i));
                }
            }
            return out;
        }
    }

    /** One attack of {@code family} with {@code budget} queries and a little background. */
    static Run attack(Family family, long budget) {
        Population.Plan plan = Population.audit(7, family, budget, 7, Corpus.builtIn());
        return run(new TrafficSimulator(7, START, plan.clients()));
    }

    /** Runs {@code sim} until every client has stopped. */
    static Run run(TrafficSimulator sim) {
        List<ObjectNode> records = new ArrayList<>();
        List<Integer> senders = new ArrayList<>();
        while (sim.hasNext()) {
            records.add(sim.next());
            senders.add(sim.lastClient());
        }
        return new Run(sim, records, senders);
    }
}
