package dev.exdetect.rules.model;

import java.io.Serializable;
import java.util.List;

/**
 * The allowlists and per-client / per-tenant exceptions of a rule pack.
 *
 * @param clients per-client overrides
 * @param tenants per-tenant overrides
 */
public record Overrides(List<ClientOverride> clients, List<TenantOverride> tenants)
        implements Serializable {

    /** No overrides. */
    public static Overrides none() {
        return new Overrides(List.of(), List.of());
    }

    /** The override of {@code clientId} in {@code tenant} in force at {@code t}, or null. */
    public ClientOverride forClient(String tenant, String clientId, long t) {
        for (ClientOverride o : clients) {
            if (o.clientId().equals(clientId)
                    && java.util.Objects.equals(emptyToNull(o.tenant()), emptyToNull(tenant))
                    && o.activeAt(t)) {
                return o;
            }
        }
        return null;
    }

    /** The override of {@code tenant}, or null. */
    public TenantOverride forTenant(String tenant) {
        if (tenant == null) {
            return null;
        }
        for (TenantOverride o : tenants) {
            if (o.tenant().equals(tenant)) {
                return o;
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
