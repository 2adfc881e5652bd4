package dev.exdetect.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The reference gateway: an HTTP reverse proxy in front of a model API that enforces exdetect's
 * throttle commands and writes the request log the detector reads, closing the loop.
 *
 * <ul>
 *   <li>Knows the current command of every client from the compacted throttle topic ({@link
 *       ThrottleSubscriber}, read from the beginning at start, {@code read_committed}), so a
 *       restart keeps the state.
 *   <li>Enforces per client key ({@link ClientIdentity}): {@code THROTTLE} with a token bucket,
 *       {@code BLOCK} with 429 and {@code Retry-After} until the command expires, {@code DEGRADE}
 *       by stripping probabilities and logprobs ({@link Degrader}); ignores stale versions and
 *       honours {@code expires_at} ({@link EnforcementTable}).
 *   <li>Logs every identified request with an input, served or refused, in the contract format
 *       ({@link RequestLog}), with the status the client got.
 * </ul>
 *
 * Paths under {@code /_gateway/} are the gateway's own: {@code health}, {@code stats}, and {@code
 * check} (decision mode: the verdict only, for gateways that enforce themselves; see {@link
 * #check}). Dependency-light on purpose (the JDK's HTTP server and client, Jackson, kafka-clients),
 * so it can be read and copied; see docs/INTEGRATION.md for production gateways.
 */
public final class ReferenceGateway implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReferenceGateway.class.getName());

    /** Largest request body accepted (the detector's own record limit). */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** Headers not forwarded either way (hop-by-hop, or set by the HTTP client itself). */
    private static final Set<String> SKIPPED_HEADERS =
            Set.of(
                    "connection",
                    "content-length",
                    "expect",
                    "host",
                    "keep-alive",
                    "proxy-authenticate",
                    "proxy-authorization",
                    "te",
                    "trailer",
                    "transfer-encoding",
                    "upgrade",
                    "date");

    /** Response header of decision mode: SERVE, DEGRADE, THROTTLE or BLOCK. */
    public static final String ACTION_HEADER = "X-Exdetect-Action";

    private static final Pattern IPV4 =
            Pattern.compile(
                    "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final GatewayConfig config;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final EnforcementTable table = new EnforcementTable();
    private final GatewayStats stats = new GatewayStats();
    private final ClientIdentity identity;
    private final ThrottleSubscriber subscriber;
    private final RequestLog requestLog;
    private final HttpClient upstream;
    private final ExecutorService workers;
    private final AtomicLong requestCounter = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String requestIdPrefix;
    private HttpServer server;

    private ReferenceGateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.identity =
                new ClientIdentity(
                        config.clientHeader(), config.tenantHeader(), config.hashApiKeys());
        this.subscriber =
                new ThrottleSubscriber(
                        config.bootstrapServers(),
                        config.kafkaProperties(),
                        config.throttleTopic(),
                        table,
                        stats);
        this.requestLog = openRequestLog(config);
        this.workers = Executors.newFixedThreadPool(config.threads());
        this.upstream =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(java.time.Duration.ofSeconds(10))
                        .build();
        this.requestIdPrefix = "gw-" + Long.toString(clock.millis(), 36) + "-";
    }

    private RequestLog openRequestLog(GatewayConfig c) {
        List<RequestLog> logs = new ArrayList<>();
        if (c.requestLogTopic() != null) {
            logs.add(
                    new RequestLog.ToKafka(
                            c.bootstrapServers(),
                            c.kafkaProperties(),
                            c.requestLogTopic(),
                            mapper,
                            stats));
        }
        if (c.requestLogFile() != null) {
            logs.add(new RequestLog.ToFile(c.requestLogFile(), mapper, stats));
        }
        return logs.isEmpty() ? RequestLog.none() : RequestLog.all(logs);
    }

    /**
     * Starts a gateway: reads the throttle topic up to its current end, then listens.
     *
     * @param clock the time enforcement runs on ({@code expires_at}, token buckets, log
     *     timestamps): the system clock in production
     */
    public static ReferenceGateway start(GatewayConfig config, Clock clock) throws Exception {
        ReferenceGateway g = new ReferenceGateway(config, clock);
        try {
            g.subscriber.start(config.startupTimeout());
            g.server = HttpServers.create(config.bindAddress(), config.port());
            g.server.createContext("/", g::handle);
            g.server.setExecutor(g.workers);
            g.server.start();
            return g;
        } catch (Exception | Error e) {
            g.close();
            throw e;
        }
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The gateway's base URL. */
    public URI uri() {
        return URI.create("http://" + config.bindAddress() + ":" + port());
    }

    /** The commands held per client key. */
    public EnforcementTable enforcement() {
        return table;
    }

    /** What the gateway has done so far. */
    public GatewayStats stats() {
        return stats;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.startsWith("/_gateway/")) {
                admin(ex, path);
                return;
            }
            proxy(ex, path);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed", e);
        }
    }

    private void proxy(HttpExchange ex, String path) throws IOException {
        long started = System.nanoTime();
        long now = clock.millis();
        ClientIdentity.Client client = identity.identify(ex.getRequestHeaders());
        if (client == null) {
            stats.unidentified.incrementAndGet();
            sendError(
                    ex,
                    401,
                    "unauthorized",
                    "name the client in the " + config.clientHeader() + " header");
            return;
        }
        stats.requests.incrementAndGet();
        String requestId = requestId(ex.getRequestHeaders());
        byte[] body = readBody(ex.getRequestBody());
        if (body == null) {
            sendError(ex, 413, "too_large", "request body over " + MAX_BODY_BYTES + " bytes");
            return;
        }
        ObjectNode json = parseObject(body);
        ObjectNode logRecord = json == null ? null : startLogRecord(ex, path, json, client, now);
        ex.getResponseHeaders().set("X-Request-Id", requestId);

        Verdict verdict = table.decide(client.key(), now);
        if (verdict.refused()) {
            (verdict.kind() == Verdict.Kind.BLOCKED ? stats.blocked : stats.limited)
                    .incrementAndGet();
            long retryAfter = Math.max(1, (verdict.retryAfterMillis() + 999) / 1000);
            ex.getResponseHeaders().set("Retry-After", Long.toString(retryAfter));
            sendError(
                    ex, 429, "rate_limited", "too many requests; retry after " + retryAfter + " s");
            finishLog(logRecord, requestId, client, 429, null, started);
            return;
        }
        boolean degrade = verdict.kind() == Verdict.Kind.DEGRADE;
        if (degrade && json != null) {
            Degrader.request(json);
            body = mapper.writeValueAsBytes(json);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = forward(ex, path, body);
        } catch (IOException e) {
            stats.upstreamErrors.incrementAndGet();
            sendError(ex, 502, "upstream_unavailable", "the model API did not answer");
            finishLog(logRecord, requestId, client, 502, null, started);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sendError(ex, 503, "shutting_down", "the gateway is stopping");
            return;
        }
        byte[] answerBytes = answer.body();
        JsonNode answerJson = parseJson(answerBytes);
        if (degrade && answerJson != null) {
            Degrader.answer(answerJson);
            answerBytes = mapper.writeValueAsBytes(answerJson);
        }
        (degrade ? stats.degraded : stats.served).incrementAndGet();
        copyHeaders(answer.headers().map(), ex.getResponseHeaders());
        send(ex, answer.statusCode(), answerBytes);
        finishLog(
                logRecord,
                requestId,
                client,
                answer.statusCode(),
                answerJson == null ? null : ModelCall.output(answerJson, mapper),
                started);
    }

    private HttpResponse<byte[]> forward(HttpExchange ex, String path, byte[] body)
            throws IOException, InterruptedException {
        String base = config.upstream().toString().replaceAll("/+$", "");
        String query = ex.getRequestURI().getRawQuery();
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path + (query == null ? "" : "?" + query)))
                        .timeout(config.upstreamTimeout())
                        .method(
                                ex.getRequestMethod(),
                                body.length == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!SKIPPED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                h.getValue().forEach(v -> request.header(h.getKey(), v));
            }
        }
        request.header("X-Forwarded-For", ex.getRemoteAddress().getAddress().getHostAddress());
        return upstream.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The log record's request part; the outcome is added by {@link #finishLog}. */
    private ObjectNode startLogRecord(
            HttpExchange ex, String path, ObjectNode body, ClientIdentity.Client client, long now) {
        ObjectNode input = ModelCall.input(body, mapper);
        if (input == null) {
            return null; // not a model call the gateway understands: forwarded, not logged
        }
        ObjectNode r = mapper.createObjectNode();
        r.put("timestamp", now);
        r.put("client_id", client.clientId());
        if (client.tenant() != null) {
            r.put("tenant", client.tenant());
        }
        String ip = sourceIp(ex);
        if (ip != null) {
            r.put("source_ip", ip);
        }
        String userAgent = ex.getRequestHeaders().getFirst("User-Agent");
        if (userAgent != null) {
            r.put("user_agent", cut(userAgent, 1024));
        }
        String model = ModelCall.model(body);
        if (model != null) {
            r.put("model", cut(model, 256));
        }
        r.put("endpoint", cut(path, 256));
        r.set("input", input);
        // Parameters as the client sent them (before any DEGRADE trimming): asking for logprobs
        // is itself a signal for the detector.
        r.set("params", ModelCall.params(body, mapper).deepCopy());
        return r;
    }

    private void finishLog(
            ObjectNode record,
            String requestId,
            ClientIdentity.Client client,
            int status,
            ObjectNode output,
            long startedNanos) {
        if (record == null) {
            return;
        }
        record.put("request_id", requestId);
        if (output != null) {
            record.set("output", output);
        }
        record.put("status", status);
        record.put("latency_ms", (System.nanoTime() - startedNanos) / 1_000_000);
        requestLog.write(client.key(), record);
    }

    private String requestId(Headers headers) {
        String given = headers.getFirst("X-Request-Id");
        if (given != null && !given.isBlank() && given.length() <= 128) {
            return given;
        }
        return requestIdPrefix + requestCounter.incrementAndGet();
    }

    private String sourceIp(HttpExchange ex) {
        String ip = ex.getRemoteAddress().getAddress().getHostAddress();
        if (config.trustForwardedFor()) {
            String forwarded = ex.getRequestHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null) {
                ip = forwarded.split(",")[0].trim();
            }
        }
        return isIpLiteral(ip) ? ip : null;
    }

    /** An IPv4 or IPv6 literal, checked without any name lookup (what the detector accepts). */
    static boolean isIpLiteral(String s) {
        if (IPV4.matcher(s).matches()) {
            return true;
        }
        if (s.indexOf(':') < 0 || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            java.net.InetAddress.getByName(s);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Decision mode, for gateways that enforce themselves (Envoy ext_authz, NGINX auth_request,
     * APISIX forward-auth, a Kong plugin): the same decision as for a proxied request, without
     * forwarding or logging. 200 with {@code X-Exdetect-Action: SERVE} or {@code DEGRADE} (the
     * caller then strips scores from the answer); 429 (or {@code ?deny_status=403}, for NGINX
     * auth_request, which only passes 401 and 403) with {@code Retry-After} and {@code
     * X-Exdetect-Action: THROTTLE} or {@code BLOCK}; 401 without a client identity. Each check of a
     * throttled client takes a token: call it once per request.
     */
    private void check(HttpExchange ex) throws IOException {
        ClientIdentity.Client client = identity.identify(ex.getRequestHeaders());
        if (client == null) {
            stats.unidentified.incrementAndGet();
            sendError(ex, 401, "unauthorized", "no client identity");
            return;
        }
        stats.requests.incrementAndGet();
        Verdict verdict = table.decide(client.key(), clock.millis());
        Headers headers = ex.getResponseHeaders();
        switch (verdict.kind()) {
            case SERVE -> {
                stats.served.incrementAndGet();
                headers.set(ACTION_HEADER, "SERVE");
                send(ex, 200, new byte[0]);
            }
            case DEGRADE -> {
                stats.degraded.incrementAndGet();
                headers.set(ACTION_HEADER, "DEGRADE");
                send(ex, 200, new byte[0]);
            }
            case LIMITED, BLOCKED -> {
                boolean blocked = verdict.kind() == Verdict.Kind.BLOCKED;
                (blocked ? stats.blocked : stats.limited).incrementAndGet();
                long retryAfter = Math.max(1, (verdict.retryAfterMillis() + 999) / 1000);
                headers.set(ACTION_HEADER, blocked ? "BLOCK" : "THROTTLE");
                headers.set("Retry-After", Long.toString(retryAfter));
                String query = ex.getRequestURI().getRawQuery();
                int status = query != null && query.contains("deny_status=403") ? 403 : 429;
                sendError(
                        ex,
                        status,
                        "rate_limited",
                        "too many requests; retry after " + retryAfter + " s");
            }
        }
    }

    private void admin(HttpExchange ex, String path) throws IOException {
        if (path.equals("/_gateway/check") || path.startsWith("/_gateway/check/")) {
            check(ex);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/json");
        switch (path) {
            case "/_gateway/health" ->
                    send(ex, 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
            case "/_gateway/stats" -> {
                ObjectNode s = stats.toJson(mapper);
                s.put("clients_with_commands", table.size());
                send(ex, 200, mapper.writeValueAsBytes(s));
            }
            default -> sendError(ex, 404, "not_found", "unknown gateway path " + path);
        }
    }

    private static void copyHeaders(Map<String, List<String>> from, Headers to) {
        for (Map.Entry<String, List<String>> h : from.entrySet()) {
            if (h.getKey() != null
                    && !h.getKey().startsWith(":")
                    && !SKIPPED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.put(h.getKey(), h.getValue());
            }
        }
    }

    private void sendError(HttpExchange ex, int status, String type, String message)
            throws IOException {
        ObjectNode error = mapper.createObjectNode();
        error.putObject("error").put("type", type).put("message", message);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        send(ex, status, mapper.writeValueAsBytes(error));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is over the limit. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private ObjectNode parseObject(byte[] body) {
        JsonNode n = parseJson(body);
        return n instanceof ObjectNode o ? o : null;
    }

    private JsonNode parseJson(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** A one-line summary of the counters, for the console. */
    public String statusLine() {
        return String.format(
                Locale.ROOT,
                "%d requests: %d served, %d degraded, %d throttled (429), %d blocked (429), %d"
                        + " unidentified; %d clients with commands; %d log records written",
                stats.requests.get(),
                stats.served.get(),
                stats.degraded.get(),
                stats.limited.get(),
                stats.blocked.get(),
                stats.unidentified.get(),
                table.size(),
                stats.logged.get());
    }

    /** Stops listening (in-flight requests get up to a second), reading and logging. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        if (closed.getAndSet(true)) {
            return;
        }
        if (server != null) {
            server.stop(1);
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        subscriber.close();
        requestLog.close();
    }
}
