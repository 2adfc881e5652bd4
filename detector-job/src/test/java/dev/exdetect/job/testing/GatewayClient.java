package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.output.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP requests to a gateway, as a client of the model API sends them. */
public final class GatewayClient {
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final URI base;

    /** A client of the gateway at {@code base}. */
    public GatewayClient(URI base) {
        this.base = base;
    }

    /**
     * One answer: status, Retry-After (or null), the JSON body (or null), and the decision header
     * of the gateway's check endpoint (or null).
     */
    public record Answer(int status, String retryAfter, JsonNode body, String action) {}

    /**
     * POSTs {@code json} to {@code path} as client {@code clientId} of {@code tenant} (null: no
     * tenant header), with an optional request id and caller address.
     */
    public Answer post(
            String path,
            String clientId,
            String tenant,
            String requestId,
            String sourceIp,
            String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json));
        if (clientId != null) {
            b.header("X-Api-Key", clientId);
        }
        if (tenant != null) {
            b.header("X-Tenant", tenant);
        }
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        if (sourceIp != null) {
            b.header("X-Forwarded-For", sourceIp);
        }
        return send(b);
    }

    /** A GET of the gateway's decision endpoint {@code path}, as Envoy's ext_authz sends it. */
    public Answer check(String path, String clientId, String tenant)
            throws IOException, InterruptedException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (clientId != null) {
            b.header("X-Api-Key", clientId);
        }
        if (tenant != null) {
            b.header("X-Tenant", tenant);
        }
        return send(b);
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = r.body().length == 0 ? null : Json.MAPPER.readTree(r.body());
        return new Answer(
                r.statusCode(),
                r.headers().firstValue("Retry-After").orElse(null),
                body,
                r.headers().firstValue("X-Exdetect-Action").orElse(null));
    }

    /** A classifier request for {@code text}. */
    public Answer classify(String clientId, String tenant, String text)
            throws IOException, InterruptedException {
        return post(
                "/v1/classify",
                clientId,
                tenant,
                null,
                null,
                Json.MAPPER.createObjectNode().put("input", text).toString());
    }
}
