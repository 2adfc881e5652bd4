package dev.exdetect.job.request;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The client key of CONTRACT.md section 3: {@code <tenant>:<client_id>}, or {@code client_id} when
 * there is no tenant. It keys per-client state, the throttle topic, and alert ids.
 */
public final class ClientKeys {
    private ClientKeys() {}

    /** The key of {@code clientId} in {@code tenant} (tenant may be null or empty). */
    public static String of(String tenant, String clientId) {
        return tenant == null || tenant.isEmpty() ? clientId : tenant + ":" + clientId;
    }

    /**
     * The key of a record that names {@code tenant} and {@code client_id}: a request, alert or
     * command.
     */
    public static String of(JsonNode record) {
        JsonNode tenant = record.path("tenant");
        return of(tenant.isTextual() ? tenant.asText() : null, record.path("client_id").asText());
    }
}
