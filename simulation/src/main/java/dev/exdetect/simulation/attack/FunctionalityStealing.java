package dev.exdetect.simulation.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.corpus.Corpus;
import dev.exdetect.simulation.profile.Family;
import dev.exdetect.simulation.profile.Requests;
import java.util.List;
import java.util.Random;

/**
 * Copies one narrow capability (translation, text-to-SQL, summarisation or code generation) at high
 * volume: a fixed task instruction over a stream of varied inputs, deterministic decoding.
 */
public final class FunctionalityStealing extends BudgetedAttack {
    private enum Capability {
        TRANSLATION(
                "Translate the following text into German. Reply with the translation only.\n\n"),
        TEXT_TO_SQL(
                "Write one SQL query for this request over the tables orders(id, customer_id,"
                        + " total, created_at) and customers(id, name, country). Reply with SQL"
                        + " only.\n\nRequest: "),
        SUMMARY("Summarize the following text in one sentence.\n\n"),
        CODE("");

        final String instruction;

        Capability(String instruction) {
            this.instruction = instruction;
        }
    }

    private final Capability capability;
    private final List<String> inputs;
    private final int firstInput;
    private int sent;

    /** An attacker with a capability drawn from {@code setup}. */
    public FunctionalityStealing(Corpus corpus, Random setup, long budget, double meanDelayMillis) {
        super(Family.FUNCTIONALITY_STEALING, budget, meanDelayMillis, 0.5);
        this.capability = Capability.values()[setup.nextInt(Capability.values().length)];
        this.inputs =
                switch (capability) {
                    case TRANSLATION, TEXT_TO_SQL -> corpus.questions();
                    case SUMMARY -> corpus.instructions();
                    case CODE -> corpus.codePrompts();
                };
        this.firstInput = setup.nextInt(inputs.size());
    }

    @Override
    protected void write(ObjectNode request, Random random) {
        String input = inputs.get((firstInput + sent++) % inputs.size());
        Requests.chat(request, capability.instruction + input, 0.0, 512, false, random);
    }
}
