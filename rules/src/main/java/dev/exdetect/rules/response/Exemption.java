package dev.exdetect.rules.response;

import dev.exdetect.rules.model.ClientOverride;
import dev.exdetect.rules.model.TenantOverride;

/**
 * What the overrides say about one client at one time: allowlisted (never enforce, lift with
 * ALLOW), shadow mode (alert, never enforce), or neither.
 *
 * @param allow allowlisted
 * @param dryRun shadow mode
 * @param allowUntil event time an allowlisting ends ({@code Long.MAX_VALUE}: no end)
 */
public record Exemption(boolean allow, boolean dryRun, long allowUntil) {
    /** No exemption. */
    public static final Exemption NONE = new Exemption(false, false, Long.MAX_VALUE);

    /** The exemption from a client and a tenant override (either may be null). */
    public static Exemption of(ClientOverride client, TenantOverride tenant) {
        boolean allow = (client != null && client.allow()) || (tenant != null && tenant.allow());
        boolean dryRun = (client != null && client.dryRun()) || (tenant != null && tenant.dryRun());
        long until =
                client != null && client.allow() && client.until() != null
                        ? client.until().toEpochMilli()
                        : Long.MAX_VALUE;
        return allow || dryRun ? new Exemption(allow, dryRun, until) : NONE;
    }
}
