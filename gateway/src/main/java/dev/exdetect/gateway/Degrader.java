package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * DEGRADE: serve, but return less. The client still gets an answer (the top label, or the
 * completion text), but not the probabilities, confidence scores or log-probabilities that make
 * extraction by distillation or equation solving cheap (MITRE ATLAS mitigation AML.M0002, passive
 * output obfuscation). The request is trimmed before it goes upstream (no logprobs asked, one
 * choice), and the answer is stripped again on the way back, in case the upstream ignores that.
 */
final class Degrader {
    /** Request parameters that ask for scores or several alternatives. */
    private static final List<String> REQUEST_FIELDS =
            List.of("logprobs", "top_logprobs", "n", "return_probabilities", "return_scores");

    /** Answer fields that carry scores rather than the answer itself. */
    private static final List<String> ANSWER_FIELDS =
            List.of("confidence", "probabilities", "scores", "logits", "logprobs", "top_logprobs");

    private Degrader() {}

    /** Removes what asks for scores from a request body (in place). */
    static void request(ObjectNode body) {
        body.remove(REQUEST_FIELDS);
    }

    /**
     * Strips scores from an answer (in place): classifier answers keep their top {@code label};
     * completions keep only their first choice, without logprobs.
     */
    static void answer(JsonNode answer) {
        if (!answer.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) answer;
        o.remove(ANSWER_FIELDS);
        if (o.path("choices").isArray()) {
            ArrayNode choices = (ArrayNode) o.path("choices");
            while (choices.size() > 1) {
                choices.remove(choices.size() - 1);
            }
            for (JsonNode choice : choices) {
                if (choice.isObject()) {
                    ((ObjectNode) choice).remove(ANSWER_FIELDS);
                }
            }
        }
    }
}
