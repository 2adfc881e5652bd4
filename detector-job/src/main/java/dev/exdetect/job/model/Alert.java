package dev.exdetect.job.model;

import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.scoring.Firing;
import java.util.List;
import java.util.Map;

/**
 * An extraction-risk alert (CONTRACT.md section 2), before rendering.
 *
 * @param alertId deterministic id, the same for every message of one episode
 * @param activity what the message says about the episode
 * @param closeReason why the episode closed, for {@link AlertActivity#CLOSED}; else null
 * @param revision the message's number within the episode (1 = created)
 * @param openedAt event time the episode opened
 * @param clientId who
 * @param tenant the client's tenant, or null
 * @param detectedAt event time of the triggering request
 * @param trigger the request whose arrival raised the alert
 * @param clientRequestCount requests from the client up to and including the trigger
 * @param riskScore combined score of the rules that fired, in [0, 1]
 * @param severity from the score
 * @param attackType the best guess: that of the highest-scoring rule that fired
 * @param firings the rules that fired on the trigger, with the thresholds they crossed (empty for a
 *     message raised by a deadline, such as closing)
 * @param episodeRuleIds every rule that fired during the episode
 * @param features every feature value evaluated
 * @param samples recent requests of the client, as evidence
 * @param action the throttle action in force after this alert, or null
 * @param cluster the cluster of linked accounts behind a coordinated alert, or null
 * @param population the most telling features against the population baseline (empty without one)
 * @param history the client's earlier alert episodes and commands (read when rendering); never null
 */
public record Alert(
        String alertId,
        AlertActivity activity,
        CloseReason closeReason,
        int revision,
        long openedAt,
        String clientId,
        String tenant,
        long detectedAt,
        Sample trigger,
        long clientRequestCount,
        double riskScore,
        Severity severity,
        AttackType attackType,
        List<Firing> firings,
        List<String> episodeRuleIds,
        Map<String, Double> features,
        List<Sample> samples,
        String action,
        ClusterVerdict cluster,
        List<PopulationEvidence.Entry> population,
        ClientHistory history) {

    /**
     * One request shown as evidence.
     *
     * @param requestId the request
     * @param inputSha256 hex SHA-256 of its input
     * @param inputLength length in chars of the input text (0 for vectors)
     * @param inputTruncated whether the input text was cut at the size limit
     * @param text the first chars of the input when configured, else null
     */
    public record Sample(
            String requestId,
            String inputSha256,
            int inputLength,
            boolean inputTruncated,
            String text) {}
}
