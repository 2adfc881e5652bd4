package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in model API, so the gateway can be run and tested without a real model: a classifier and
 * a chat-completion endpoint whose answers are a pure function of the input (the same input always
 * gets the same answer), in the shapes real APIs use.
 *
 * <ul>
 *   <li>{@code POST /v1/classify} with {@code {"input": "text"}} (or {@code text}, or {@code
 *       features}: a number array): {@code {"model", "label", "confidence", "probabilities",
 *       "labels"}} over the labels negative, neutral, positive.
 *   <li>{@code POST /v1/chat/completions} with {@code messages}, optional {@code max_tokens},
 *       {@code n} (up to 4 choices), {@code logprobs} and {@code top_logprobs} (up to 5): {@code
 *       choices} (with per-token {@code logprobs} when asked) and {@code usage}.
 *   <li>{@code GET /health}.
 * </ul>
 */
public final class StandInModel implements AutoCloseable {
    /** The classifier's labels, in the order of {@code probabilities}. */
    public static final List<String> LABELS = List.of("negative", "neutral", "positive");

    private static final List<String> WORDS =
            List.of(
                    "the",
                    "answer",
                    "depends",
                    "on",
                    "context",
                    "and",
                    "evidence",
                    "which",
                    "suggests",
                    "a",
                    "careful",
                    "reading",
                    "of",
                    "sources",
                    "shows",
                    "that",
                    "most",
                    "experts",
                    "agree",
                    "in",
                    "general",
                    "terms",
                    "it",
                    "is",
                    "useful");

    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    private StandInModel(HttpServer server) {
        this.server = server;
    }

    /** Starts the server on {@code bindAddress}:{@code port} (0: any free port). */
    public static StandInModel start(String bindAddress, int port) throws IOException {
        StandInModel m = new StandInModel(HttpServers.create(bindAddress, port));
        m.server.createContext("/v1/classify", ex -> m.serve(ex, m::classify));
        m.server.createContext("/v1/chat/completions", ex -> m.serve(ex, m::chat));
        m.server.createContext("/health", ex -> m.reply(ex, 200, "{\"status\":\"ok\"}"));
        m.server.setExecutor(m.workers);
        m.server.start();
        return m;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Its base URL. */
    public URI uri() {
        return URI.create(
                "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port());
    }

    private interface Endpoint {
        ObjectNode answer(ObjectNode request);
    }

    private void serve(HttpExchange ex, Endpoint endpoint) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                reply(ex, 405, "{\"error\":{\"type\":\"method_not_allowed\"}}");
                return;
            }
            JsonNode body;
            try {
                body = mapper.readTree(ex.getRequestBody().readAllBytes());
            } catch (IOException e) {
                body = null;
            }
            if (!(body instanceof ObjectNode request)) {
                reply(ex, 400, "{\"error\":{\"type\":\"bad_request\",\"message\":\"send JSON\"}}");
                return;
            }
            reply(ex, 200, mapper.writeValueAsString(endpoint.answer(request)));
        }
    }

    /** Softmax over three pseudo-logits drawn from the input's digest. */
    ObjectNode classify(ObjectNode request) {
        JsonNode in = request.has("input") ? request.path("input") : request;
        String key = in.isTextual() ? in.asText() : in.path("text").asText(in.toString());
        if (request.path("features").isArray()) {
            key = request.path("features").toString();
        }
        Random r = new Random(seed(key));
        double[] logits = {r.nextGaussian() * 2, r.nextGaussian() * 2, r.nextGaussian() * 2};
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            logits[i] = Math.exp(logits[i] - max);
            sum += logits[i];
        }
        int top = 0;
        ObjectNode answer = mapper.createObjectNode();
        answer.put("model", "standin-classifier");
        ArrayNode probabilities = mapper.createArrayNode();
        for (int i = 0; i < 3; i++) {
            double p = Math.round(logits[i] / sum * 1e6) / 1e6;
            probabilities.add(p);
            if (logits[i] > logits[top]) {
                top = i;
            }
        }
        answer.put("label", LABELS.get(top));
        answer.put("confidence", probabilities.get(top).asDouble());
        answer.set("probabilities", probabilities);
        LABELS.forEach(answer.putArray("labels")::add);
        return answer;
    }

    /** A short deterministic completion, with per-token logprobs when asked. */
    ObjectNode chat(ObjectNode request) {
        String prompt = request.path("messages").toString();
        Random r = new Random(seed(prompt));
        int maxTokens = Math.max(1, request.path("max_tokens").asInt(64));
        int length = Math.min(maxTokens, 8 + r.nextInt(24));
        int choices = Math.max(1, Math.min(4, request.path("n").asInt(1)));
        boolean logprobs = request.path("logprobs").asBoolean(false);
        int top = Math.max(0, Math.min(5, request.path("top_logprobs").asInt(0)));

        ObjectNode answer = mapper.createObjectNode();
        answer.put("id", "chatcmpl-" + Long.toHexString(seed(prompt)));
        answer.put("object", "chat.completion");
        answer.put("model", request.path("model").asText("standin-chat"));
        ArrayNode list = answer.putArray("choices");
        for (int c = 0; c < choices; c++) {
            StringBuilder text = new StringBuilder();
            ArrayNode tokens = mapper.createArrayNode();
            for (int i = 0; i < length; i++) {
                String word = WORDS.get(r.nextInt(WORDS.size()));
                text.append(i == 0 ? "" : " ").append(word);
                ObjectNode token = tokens.addObject();
                token.put("token", word);
                token.put("logprob", -Math.round(r.nextDouble() * 3e4) / 1e4);
                ArrayNode alternatives = token.putArray("top_logprobs");
                for (int k = 0; k < top; k++) {
                    alternatives
                            .addObject()
                            .put("token", WORDS.get(r.nextInt(WORDS.size())))
                            .put("logprob", -Math.round((1 + r.nextDouble() * 5) * 1e4) / 1e4);
                }
            }
            ObjectNode choice = list.addObject();
            choice.put("index", c);
            choice.putObject("message").put("role", "assistant").put("content", text + ".");
            if (logprobs) {
                choice.putObject("logprobs").set("content", tokens);
            } else {
                choice.putNull("logprobs");
            }
            choice.put("finish_reason", length == maxTokens ? "length" : "stop");
        }
        ObjectNode usage = answer.putObject("usage");
        int promptTokens = prompt.split("\\s+").length;
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", length * choices);
        usage.put("total_tokens", promptTokens + length * choices);
        return answer;
    }

    private void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static long seed(String s) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (h[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
