package dev.exdetect.simulation.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.victim.LogisticRegression;
import dev.exdetect.simulation.victim.VectorTask;
import java.util.Random;

/** Writes the API-specific parts of request-log records (CONTRACT.md section 1). */
public final class Requests {
    /** The chat model of the simulated API. */
    public static final String CHAT_MODEL = "assistant-large-2026-10";

    /** The chat endpoint. */
    public static final String CHAT_ENDPOINT = "/v1/chat/completions";

    /** {@code params.return} asking the vector API for the full probability vector. */
    public static final String RETURN_PROBABILITIES = "probabilities";

    /** {@code params.return} asking the vector API for the top label and its confidence. */
    public static final String RETURN_LABEL = "label";

    private Requests() {}

    /**
     * Fills a successful chat completion: input text, {@code temperature} and {@code max_tokens}
     * (and {@code logprobs}, {@code top_logprobs} when asked), the answer's size, status and
     * latency. Returns the params object for further parameters.
     */
    public static ObjectNode chat(
            ObjectNode request,
            String text,
            double temperature,
            int maxTokens,
            boolean logprobs,
            Random random) {
        request.put("model", CHAT_MODEL);
        request.put("endpoint", CHAT_ENDPOINT);
        request.putObject("input").put("text", text);
        ObjectNode params = request.putObject("params");
        params.put("temperature", temperature);
        params.put("max_tokens", maxTokens);
        if (logprobs) {
            params.put("logprobs", true);
            params.put("top_logprobs", 5);
        }
        ObjectNode output = request.putObject("output");
        output.put("tokens", Math.min(maxTokens, 20 + random.nextInt(400)));
        output.put("logprobs", logprobs);
        request.put("status", 200);
        request.put("latency_ms", 150 + random.nextInt(900));
        return params;
    }

    /** Turns a filled chat request into a failed one: no output, the given status. */
    public static void fail(ObjectNode request, int status, Random random) {
        request.remove("output");
        request.put("status", status);
        request.put("latency_ms", 5 + random.nextInt(60));
    }

    /**
     * Fills a call of the vector API with input {@code x}: the victim's answer with label and
     * confidence, and the probability vector when {@code probabilities} is asked for. Returns the
     * probabilities (whatever the client asked for), for attackers that learn from the answers.
     */
    public static double[] classify(
            ObjectNode request, VectorTask task, double[] x, boolean probabilities, Random random) {
        request.put("model", task.modelName());
        request.put("endpoint", "/v1/models/" + task.modelName() + ":predict");
        ArrayNode features = request.putObject("input").putArray("features");
        for (double v : x) {
            features.add(v);
        }
        request.putObject("params")
                .put("return", probabilities ? RETURN_PROBABILITIES : RETURN_LABEL);
        double[] p = task.victim().probabilities(x);
        int label = LogisticRegression.argMax(p);
        ObjectNode output = request.putObject("output");
        output.put("label", task.className(label));
        output.put("confidence", round(p[label]));
        if (probabilities) {
            ArrayNode out = output.putArray("probabilities");
            for (double v : p) {
                out.add(round(v));
            }
        }
        request.put("status", 200);
        request.put("latency_ms", 3 + random.nextInt(25));
        return p;
    }

    /**
     * Six significant digits, as an API printing single-precision floats would: tiny probabilities
     * stay readable (which is what equation solving exploits).
     */
    private static double round(double v) {
        return v == 0 ? 0 : new java.math.BigDecimal(v).round(SIX_DIGITS).doubleValue();
    }

    private static final java.math.MathContext SIX_DIGITS = new java.math.MathContext(6);
}
