package dev.exdetect.job.detect;

import dev.exdetect.job.model.AlertActivity;
import dev.exdetect.job.model.CloseReason;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The lifecycle of a client's alert: one alert (one {@code alert_id}) per episode of risk, sent
 * when it is {@code created}, re-sent as {@code updated} while the client stays risky (when a new
 * rule fires, the severity or the enforcement action changes, or at most once per {@code
 * suppress_for} otherwise), and sent a last time as {@code closed} when the risk has fallen for the
 * cool-down and nothing is enforced any more. So a SOC sees one alert per incident, not one per
 * request. Part of the client's state (a Flink POJO); bounded by the number of rules.
 */
public class AlertEpisode {
    /** Id of the open episode's alert, or null when no episode is open. */
    public String alertId;

    /** Messages sent for the open episode (1 = created). */
    public int revision;

    /** Event time the episode opened. */
    public long openedAt;

    /** Event time of the episode's last message. */
    public long lastSentAt;

    /** Event time of the last request on which a rule fired. */
    public long lastFiringAt;

    /** Severity of the last message. */
    public String severity;

    /** Enforcement action stated by the last message, or null. */
    public String action;

    /** Ids of the rules that fired during the episode, sorted. */
    public String[] ruleIds;

    /**
     * Why the episode closed, the {@link CloseReason#id} (kept as text: the state's field types are
     * its savepoint format); null while open.
     */
    public String closeReason;

    /** For Flink's POJO serializer. */
    public AlertEpisode() {}

    /** True while an episode is open. */
    public boolean isOpen() {
        return alertId != null;
    }

    /**
     * What to send after rules fired on a request at {@code t}, or null to send nothing. Opens an
     * episode with {@code newId} when none is open. Updates this state when something is sent.
     */
    public AlertActivity onFiring(
            String newId,
            String[] firedRuleIds,
            String severityNow,
            String actionNow,
            long suppressForMillis,
            long t) {
        lastFiringAt = t;
        if (!isOpen()) {
            alertId = newId;
            revision = 0;
            openedAt = t;
            ruleIds = sortedUnion(new String[0], firedRuleIds);
            return sent(AlertActivity.CREATED, severityNow, actionNow, t);
        }
        String[] union = sortedUnion(ruleIds, firedRuleIds);
        boolean newRule = union.length > ruleIds.length;
        boolean changed = !severityNow.equals(severity) || !Objects.equals(actionNow, action);
        ruleIds = union;
        if (newRule || changed || t - lastSentAt >= suppressForMillis) {
            return sent(AlertActivity.UPDATED, severityNow, actionNow, t);
        }
        return null;
    }

    /** Records that the enforcement action changed without a rule firing (e.g. a lift). */
    public AlertActivity onActionChange(String actionNow, long t) {
        if (!isOpen() || Objects.equals(actionNow, action)) {
            return null;
        }
        return sent(AlertActivity.UPDATED, severity, actionNow, t);
    }

    /** Event time the episode closes if nothing else happens, given the policy's cool-down. */
    public long closesAt(long coolDownMillis) {
        return isOpen() ? lastFiringAt + coolDownMillis : Long.MAX_VALUE;
    }

    /** Closes the episode at {@code t} for {@code reason}; returns the closing activity. */
    public AlertActivity close(long t, CloseReason reason) {
        closeReason = reason.id();
        return sent(AlertActivity.CLOSED, severity, action, t);
    }

    /** Why the episode closed, or null while it is open. */
    public CloseReason closedBecause() {
        return closeReason == null ? null : CloseReason.fromId(closeReason).orElseThrow();
    }

    /** Forgets the closed episode (after its closing message was rendered). */
    public void reset() {
        alertId = null;
        closeReason = null;
        revision = 0;
        ruleIds = new String[0];
        severity = null;
        action = null;
    }

    private AlertActivity sent(
            AlertActivity activity, String severityNow, String actionNow, long t) {
        revision++;
        lastSentAt = t;
        severity = severityNow;
        action = actionNow;
        return activity;
    }

    private static String[] sortedUnion(String[] a, String[] b) {
        TreeSet<String> set = new TreeSet<>(Arrays.asList(a));
        set.addAll(Arrays.asList(b));
        return set.toArray(new String[0]);
    }
}
