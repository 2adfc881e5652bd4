package dev.exdetect.job.detect;

import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.rules.response.EnforcementState;

/**
 * All per-client state of the detection step. Bounded: the feature state has a fixed size (see
 * {@link ClientFeatureState}), the evidence ring 5 entries, the alert memory one entry per rule
 * that ever fired for the client. Dropped after the configured idle TTL (in event time). A Flink
 * POJO.
 */
public class ClientState {
    public String clientId;
    public String tenant;
    public ClientFeatureState features;
    public EvidenceSamples samples;
    public EnforcementState enforcement;

    /** Rule ids that raised an alert for this client, parallel to {@link #alertedAt}. */
    public String[] alertedRules;

    /** Event time of the last alert per rule in {@link #alertedRules}. */
    public long[] alertedAt;

    /** Alerts raised for this client. */
    public long alerts;

    /** Id of the newest alert, for commands that follow without a new alert. */
    public String lastAlertId;

    /** Event time at which the pending idle-cleanup timer fires; 0 when none is set. */
    public long cleanupTimer;

    /** For Flink's POJO serializer. */
    public ClientState() {}

    /** Event time of the last alert for {@code ruleId}, or Long.MIN_VALUE when never. */
    public long lastAlertFor(String ruleId) {
        for (int i = 0; i < alertedRules.length; i++) {
            if (alertedRules[i].equals(ruleId)) {
                return alertedAt[i];
            }
        }
        return Long.MIN_VALUE;
    }

    /** Records an alert for {@code ruleId} at {@code t}. */
    public void markAlerted(String ruleId, long t) {
        for (int i = 0; i < alertedRules.length; i++) {
            if (alertedRules[i].equals(ruleId)) {
                alertedAt[i] = t;
                return;
            }
        }
        alertedRules = java.util.Arrays.copyOf(alertedRules, alertedRules.length + 1);
        alertedAt = java.util.Arrays.copyOf(alertedAt, alertedAt.length + 1);
        alertedRules[alertedRules.length - 1] = ruleId;
        alertedAt[alertedAt.length - 1] = t;
    }
}
