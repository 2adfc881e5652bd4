package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import java.util.List;
import java.util.Random;

/**
 * A self-instruct style data generator (Wang et al. 2022; the Alpaca recipe): every call is the
 * same long meta-prompt asking for new tasks, followed by three seed tasks sampled from a small
 * human-written pool, with constant decoding parameters.
 */
public final class SelfInstruct extends BudgetedAttack {
    /** The meta-prompt (our own wording of the recipe). */
    public static final String META_PROMPT =
            "You are helping to build a varied collection of tasks for training an instruction"
                    + " following assistant. Come up with 20 new task instructions. Rules: vary the"
                    + " verbs and do not repeat an instruction; mix open-ended generation,"
                    + " classification, rewriting, question answering, brainstorming and coding;"
                    + " write each instruction in one or two sentences in English; where a task"
                    + " needs an input, give a realistic input of at most 100 words, otherwise"
                    + " write <noinput>; the output must be a good answer of at most 100 words."
                    + " Here are examples of the format:\n";

    private final List<String> seedTasks;

    /** A generator sending {@code budget} calls about {@code meanDelayMillis} apart. */
    public SelfInstruct(List<String> seedTasks, long budget, double meanDelayMillis) {
        super(Family.SELF_INSTRUCT, budget, meanDelayMillis, 0.3);
        this.seedTasks = seedTasks;
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        StringBuilder prompt = new StringBuilder(META_PROMPT);
        for (int i = 1; i <= 3; i++) {
            prompt.append("###\n")
                    .append(i)
                    .append(". Instruction: ")
                    .append(seedTasks.get(random.nextInt(seedTasks.size())))
                    .append('\n');
        }
        prompt.append("###\n4. Instruction:");
        ObjectNode params = Requests.chat(request, prompt.toString(), 1.0, 3072, false, random);
        params.put("top_p", 1.0);
        params.put("presence_penalty", 0.0);
        params.putArray("stop").add("\n20").add("20.");
    }
}
