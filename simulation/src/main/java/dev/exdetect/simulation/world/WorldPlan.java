package dev.exdetect.simulation.world;

import dev.exdetect.simulation.Population;
import dev.exdetect.simulation.TrafficSimulator;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.corpus.Corpus;
import java.util.List;

/**
 * A world made into clients, ready to simulate.
 *
 * @param world what it was made from
 * @param clients the clients, in cohort order (a hydra account after the one it succeeds)
 * @param corpus the pools its clients draw from, with its victim
 */
public record WorldPlan(World world, List<SimClient> clients, Corpus corpus) {
    /** As a population plan (clients and span). */
    public Population.Plan plan() {
        return new Population.Plan(clients, world.durationMillis());
    }

    /** A simulator of the world: deterministic for the world's seed. */
    public TrafficSimulator simulator() {
        return new TrafficSimulator(world.seed(), world.startMillis(), clients);
    }
}
