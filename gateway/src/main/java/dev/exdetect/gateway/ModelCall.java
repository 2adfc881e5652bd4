package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads a model-API call the way the request log needs it (CONTRACT.md section 1): the client's
 * input, the request parameters, and what the answer returned. It understands the common JSON
 * shapes: chat completions ({@code messages}), text completions ({@code prompt}), classifiers
 * ({@code input} / {@code text} / {@code inputs} as text, or {@code features} as a vector), and
 * answers with {@code label} / {@code confidence} / {@code probabilities} or {@code choices} /
 * {@code usage}.
 */
final class ModelCall {
    /** Body fields that are the input (or the model name), not parameters. */
    private static final Set<String> NOT_PARAMS =
            Set.of("model", "messages", "prompt", "input", "inputs", "text", "features");

    private ModelCall() {}

    /**
     * The contract's {@code input} object ({@code text} and/or {@code features}), or null when the
     * body holds no input the gateway recognises. For a chat, the text is the last user message:
     * the new query, not the conversation so far.
     */
    static ObjectNode input(ObjectNode body, ObjectMapper mapper) {
        ObjectNode input = mapper.createObjectNode();
        String text = null;
        JsonNode vector = null;
        if (body.path("messages").isArray()) {
            text = lastUserMessage((ArrayNode) body.path("messages"));
        }
        for (String field : new String[] {"prompt", "text", "inputs"}) {
            if (text == null && body.path(field).isTextual()) {
                text = body.path(field).asText();
            }
        }
        JsonNode in = body.path("input");
        if (text == null && in.isTextual()) {
            text = in.asText();
        } else if (in.isObject()) {
            if (text == null && in.path("text").isTextual()) {
                text = in.path("text").asText();
            }
            vector = numbers(in.path("features"));
        } else if (in.isArray()) {
            vector = numbers(in);
        }
        if (vector == null) {
            vector = numbers(body.path("features"));
        }
        if (text != null) {
            input.put("text", text);
        }
        if (vector != null) {
            input.set("features", vector);
        }
        return input.isEmpty() ? null : input;
    }

    private static String lastUserMessage(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!"user".equals(m.path("role").asText())) {
                continue;
            }
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                return content.asText();
            }
            if (content.isArray()) {
                StringBuilder s = new StringBuilder();
                for (JsonNode part : content) {
                    if (part.path("text").isTextual()) {
                        s.append(s.length() == 0 ? "" : "\n").append(part.path("text").asText());
                    }
                }
                return s.toString();
            }
        }
        return null;
    }

    /** A non-empty array of finite numbers, or null. */
    private static JsonNode numbers(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return null;
        }
        for (JsonNode x : node) {
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                return null;
            }
        }
        return node;
    }

    /** Every body field that is not the input or the model: temperature, logprobs, n, ... */
    static ObjectNode params(ObjectNode body, ObjectMapper mapper) {
        ObjectNode params = mapper.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!NOT_PARAMS.contains(f.getKey())) {
                params.set(f.getKey(), f.getValue());
            }
        }
        return params;
    }

    /**
     * The contract's {@code output} object for the answer the client received: {@code label},
     * {@code confidence}, {@code probabilities} for classifiers; {@code tokens} and whether {@code
     * logprobs} were returned for completions. Null when the answer has none of these.
     */
    static ObjectNode output(JsonNode answer, ObjectMapper mapper) {
        ObjectNode out = mapper.createObjectNode();
        if (answer.path("label").isTextual()) {
            out.put("label", answer.path("label").asText());
        }
        if (answer.path("confidence").isNumber()) {
            out.put("confidence", answer.path("confidence").asDouble());
        }
        JsonNode probabilities = numbers(answer.path("probabilities"));
        if (probabilities != null) {
            out.set("probabilities", probabilities);
        }
        if (answer.path("usage").path("completion_tokens").canConvertToInt()) {
            out.put("tokens", answer.path("usage").path("completion_tokens").asInt());
        }
        if (answer.path("choices").isArray()) {
            boolean logprobs = false;
            for (JsonNode choice : answer.path("choices")) {
                JsonNode lp = choice.path("logprobs");
                logprobs |= !lp.isMissingNode() && !lp.isNull();
            }
            out.put("logprobs", logprobs);
        }
        return out.isEmpty() ? null : out;
    }

    /** The model the client asked for, or null. */
    static String model(ObjectNode body) {
        return body.path("model").isTextual() ? body.path("model").asText() : null;
    }
}
