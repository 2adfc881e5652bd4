package dev.exdetect.simulation.world;

import java.util.List;
import java.util.Map;

/**
 * A world: a deployment's traffic described as data ({@code samples/worlds/*.yaml}), from which
 * {@link WorldBuilder} makes the clients. Worlds differ in their mix, rates, timers, templates,
 * groups, batches, attackers' budgets and pacing, victim and corpus; one calibrates whatever the
 * benchmark fits, the others report.
 *
 * @param name the file's name without {@code .yaml}
 * @param file where it was read from, for messages
 * @param description one paragraph for people
 * @param seed the seed of everything random in the world
 * @param startMillis event time of its start
 * @param durationMillis its length of event time
 * @param victim the vector API's model
 * @param corpus where its texts come from
 * @param organisations organisations whose people share a /24 and a browser
 * @param cohorts its clients
 */
public record World(
        String name,
        String file,
        String description,
        long seed,
        long startMillis,
        long durationMillis,
        Victim victim,
        Pools corpus,
        int organisations,
        List<Cohort> cohorts) {

    /**
     * The vector API's model: logistic regression trained on a data set of the corpus folder
     * ({@code digits}, {@code iris}, {@code wine}) or on a synthetic Gaussian mixture of {@code
     * features} dimensions and {@code classes} classes.
     */
    public record Victim(String data, int features, int classes) {
        /** Whether it is synthetic (no corpus needed). */
        public boolean synthetic() {
            return data.equals("synthetic");
        }
    }

    /**
     * Which texts each pool holds: slices of corpus files by pool name ({@code questions}, {@code
     * instructions}, {@code seed_tasks}, {@code extraction}, {@code code}, {@code eval}), or the
     * built-in generators.
     *
     * @param builtIn the built-in generators only (no corpus folder needed)
     * @param slices per pool its file slices (empty for built-in)
     */
    public record Pools(boolean builtIn, Map<String, List<Slice>> slices) {}

    /**
     * A slice of a corpus file: {@code queries/FILE.jsonl} from share {@code from} to {@code to}
     * (by position).
     *
     * @param line where the world file names it
     */
    public record Slice(String file, double from, double to, int line, int column) {}

    /** Clients of all cohorts. */
    public int clients() {
        return cohorts.stream().mapToInt(Cohort::count).sum();
    }

    /** Whether it needs a corpus folder. */
    public boolean needsCorpus() {
        return !corpus.builtIn() || !victim.synthetic();
    }
}
