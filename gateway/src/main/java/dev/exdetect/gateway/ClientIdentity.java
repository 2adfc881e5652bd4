package dev.exdetect.gateway;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who sent a request: the client id from the API-key header (or an {@code Authorization: Bearer}
 * token) and the tenant from the tenant header. Their key, {@code <tenant>:<client_id>} or {@code
 * client_id}, is the key of the throttle topic and of the request log.
 *
 * <p>An API key is a secret: with {@code hashKeys} the client id is a digest of the key ({@code
 * key-} and 16 hex digits of its SHA-256), so neither the log nor the detector ever holds the key
 * itself. Without it, put an account id, not a secret, in the header.
 */
final class ClientIdentity {
    /** Longest client id and tenant accepted (the contract's limits). */
    static final int MAX_LENGTH = 256;

    private final String clientHeader;
    private final String tenantHeader;
    private final boolean hashKeys;

    ClientIdentity(String clientHeader, String tenantHeader, boolean hashKeys) {
        this.clientHeader = clientHeader;
        this.tenantHeader = tenantHeader;
        this.hashKeys = hashKeys;
    }

    /**
     * One client.
     *
     * @param clientId API key / account, as logged
     * @param tenant organisation, or null
     */
    record Client(String clientId, String tenant) {
        /** The throttle-topic key (CONTRACT.md section 3). */
        String key() {
            return tenant == null ? clientId : tenant + ":" + clientId;
        }
    }

    /** The client of a request, or null when it names none (or an over-long one). */
    Client identify(Headers headers) {
        String id = trimmed(headers.getFirst(clientHeader));
        if (id == null) {
            String auth = trimmed(headers.getFirst("Authorization"));
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                id = trimmed(auth.substring(7));
            }
        }
        if (id == null || id.length() > MAX_LENGTH) {
            return null;
        }
        String tenant = trimmed(headers.getFirst(tenantHeader));
        if (tenant != null && tenant.length() > MAX_LENGTH) {
            return null;
        }
        return new Client(hashKeys ? digest(id) : id, tenant);
    }

    private static String trimmed(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    private static String digest(String key) {
        try {
            byte[] h =
                    MessageDigest.getInstance("SHA-256")
                            .digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
