package dev.exdetect.features.params;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.exdetect.features.hash.Hashing;

/**
 * What the parameter-fingerprint features need from a request's {@code params} object: a
 * fingerprint of the whole object and the few parameters that matter for extraction.
 *
 * @param fingerprint hash of the canonical JSON of all parameters; 0 when there are none
 * @param maxTokens {@code max_tokens} (or {@code max_completion_tokens} / {@code
 *     max_output_tokens}); -1 when absent
 * @param logprobs log-probabilities were asked for ({@code logprobs: true} or a positive number, or
 *     {@code top_logprobs > 0})
 * @param logitBias a non-empty {@code logit_bias} was sent
 */
public record RequestParams(int fingerprint, int maxTokens, boolean logprobs, boolean logitBias) {
    /** A request without parameters. */
    public static final RequestParams NONE = new RequestParams(0, -1, false, false);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Reads canonical parameter JSON (an object, keys sorted, as the request parser writes it);
     * null or blank gives {@link #NONE}. Malformed JSON also gives a fingerprint (of the text), so
     * a bad value never stops feature extraction.
     */
    public static RequestParams parse(String canonicalJson) {
        if (canonicalJson == null || canonicalJson.isBlank()) {
            return NONE;
        }
        int fingerprint = nonZero((int) Hashing.hashString(canonicalJson));
        JsonNode root;
        try {
            root = MAPPER.readTree(canonicalJson);
        } catch (JsonProcessingException e) {
            return new RequestParams(fingerprint, -1, false, false);
        }
        if (root == null || !root.isObject()) {
            return new RequestParams(fingerprint, -1, false, false);
        }
        int maxTokens = -1;
        for (String name :
                new String[] {"max_tokens", "max_completion_tokens", "max_output_tokens"}) {
            JsonNode v = root.get(name);
            if (v != null && v.isNumber()) {
                maxTokens = Math.max(maxTokens, (int) Math.min(Integer.MAX_VALUE, v.asLong()));
            }
        }
        JsonNode lp = root.get("logprobs");
        boolean logprobs =
                lp != null
                        && ((lp.isBoolean() && lp.asBoolean())
                                || (lp.isNumber() && lp.asDouble() > 0));
        JsonNode top = root.get("top_logprobs");
        logprobs |= top != null && top.isNumber() && top.asDouble() > 0;
        JsonNode bias = root.get("logit_bias");
        boolean logitBias = bias != null && bias.isObject() && bias.size() > 0;
        return new RequestParams(fingerprint, maxTokens, logprobs, logitBias);
    }

    /** 0 means "none" in state, so a real hash of 0 is moved to 1. */
    public static int nonZero(int hash) {
        return hash == 0 ? 1 : hash;
    }
}
