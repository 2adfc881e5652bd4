package dev.exdetect.rules.model;

import dev.exdetect.features.Feature;
import java.io.Serializable;
import java.util.Map;

/**
 * Exceptions for every client of one tenant: allowlist, shadow mode, or different thresholds for
 * some rules (a tenant whose integration legitimately sends far more traffic, say).
 *
 * @param tenant the tenant
 * @param allow allowlist every client of the tenant
 * @param dryRun shadow mode for the tenant
 * @param reason why, for the audit trail
 * @param thresholds rule id to (feature to threshold): each comparison on that feature in that rule
 *     uses this threshold instead, for this tenant's clients
 */
public record TenantOverride(
        String tenant,
        boolean allow,
        boolean dryRun,
        String reason,
        Map<String, Map<Feature, Double>> thresholds)
        implements Serializable {}
