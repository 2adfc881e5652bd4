package dev.exdetect.rules.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * An exception for one client, decided by people: allowlist it (never enforce; an active command is
 * lifted with ALLOW) or put it in shadow mode (alerts, no enforcement).
 *
 * @param tenant the client's tenant, or null for a client without tenant
 * @param clientId the client
 * @param allow allowlisted
 * @param dryRun shadow mode for this client
 * @param reason why, for the audit trail (shown in commands and alerts)
 * @param until event time the override ends, or null for no end
 */
public record ClientOverride(
        String tenant, String clientId, boolean allow, boolean dryRun, String reason, Instant until)
        implements Serializable {

    /** True when the override applies at event time {@code t}. */
    public boolean activeAt(long t) {
        return until == null || t < until.toEpochMilli();
    }
}
