package dev.exdetect.rules.model;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.rules.expr.Condition;
import java.io.Serializable;
import java.time.Instant;

/**
 * One detection rule: when its condition holds for a client with enough evidence, it contributes
 * its score to the client's risk and asks for its response.
 *
 * <p>Rules are data with versions: an update is a new version of the same {@code id}, in force from
 * {@code effectiveFrom} (event time), so a replay judges each request by the rule that was in force
 * when it was served.
 *
 * @param id stable identifier, e.g. {@code near-duplicate-probing}
 * @param version increases with every change of the rule
 * @param description what the rule catches, for the analyst reading an alert
 * @param attackType the kind of extraction it indicates
 * @param effectiveFrom event time from which this version applies
 * @param when the condition over features, as written (for alerts and export)
 * @param condition the parsed condition
 * @param minRequests minimum evidence: the rule cannot fire before the client made this many
 *     requests
 * @param score contribution to the risk score, in (0, 1]
 * @param response what to do when it fires
 * @param dryRun shadow mode for this rule: it alerts but never enforces
 */
public record Rule(
        String id,
        int version,
        String description,
        AttackType attackType,
        Instant effectiveFrom,
        String when,
        Condition condition,
        long minRequests,
        double score,
        Response response,
        boolean dryRun)
        implements Serializable {

    /**
     * Whom the rule judges: a cluster of linked accounts when its condition uses cluster features
     * (then it is evaluated by the cluster step), otherwise one client. The parser refuses a
     * condition that mixes the two.
     */
    public Feature.Scope scope() {
        boolean[] cluster = {false};
        condition.forEachComparison(
                c -> cluster[0] |= c.feature().scope() == Feature.Scope.CLUSTER);
        return cluster[0] ? Feature.Scope.CLUSTER : Feature.Scope.CLIENT;
    }

    /** True when the rule fires on these feature values. */
    public boolean fires(FeatureVector features, long requestCount) {
        return requestCount >= minRequests && condition.test(features);
    }
}
