package dev.exdetect.evaluation.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.victim.VectorTask;

/**
 * One request of the audited attack, as the attacker sees it: what it sent and what the API
 * answered (before any defence).
 *
 * @param client index of the sending client in the simulation
 * @param clientId its id
 * @param seq the client's request number
 * @param timeMillis event time
 * @param attack whether it is an attack query (a mixing attacker also sends normal ones)
 * @param features the input vector (vector API), or null
 * @param probabilities the returned probabilities, or null when only the label was asked for
 * @param label the returned class index (vector API), or -1
 * @param tokens output tokens of a chat answer (0 for vectors and failures)
 * @param logprobs whether the chat answer carried logprobs
 */
public record AttackQuery(
        int client,
        String clientId,
        long seq,
        long timeMillis,
        boolean attack,
        double[] features,
        double[] probabilities,
        int label,
        int tokens,
        boolean logprobs) {

    /** Reads a simulated record. */
    static AttackQuery of(int client, long seq, boolean attack, ObjectNode r, VectorTask task) {
        JsonNode input = r.path("input");
        JsonNode output = r.path("output");
        double[] features = null;
        double[] probabilities = null;
        int label = -1;
        if (input.has("features")) {
            features = new double[input.get("features").size()];
            for (int j = 0; j < features.length; j++) {
                features[j] = input.get("features").get(j).asDouble();
            }
            label = task.classIndex(output.path("label").asText());
            if (output.has("probabilities")) {
                JsonNode p = output.get("probabilities");
                probabilities = new double[p.size()];
                for (int j = 0; j < probabilities.length; j++) {
                    probabilities[j] = p.get(j).asDouble();
                }
            }
        }
        return new AttackQuery(
                client,
                r.path("client_id").asText(),
                seq,
                r.path("timestamp").asLong(),
                attack,
                features,
                probabilities,
                label,
                output.path("tokens").asInt(0),
                output.path("logprobs").asBoolean(false));
    }
}
