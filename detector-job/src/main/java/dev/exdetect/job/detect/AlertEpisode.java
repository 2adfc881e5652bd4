package dev.exdetect.job.detect;

import java.util.Arrays;
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
    /** Alert messages describe one of these. */
    public enum Activity {
        CREATED,
        UPDATED,
        CLOSED;

        /** The value of the alert's {@code activity} field. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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

    /** Why the episode closed ({@link #RISK_FELL} or {@link #CLIENT_IDLE}); null while open. */
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
    public Activity onFiring(
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
            return sent(Activity.CREATED, severityNow, actionNow, t);
        }
        String[] union = sortedUnion(ruleIds, firedRuleIds);
        boolean newRule = union.length > ruleIds.length;
        boolean changed =
                !severityNow.equals(severity) || !java.util.Objects.equals(actionNow, action);
        ruleIds = union;
        if (newRule || changed || t - lastSentAt >= suppressForMillis) {
            return sent(Activity.UPDATED, severityNow, actionNow, t);
        }
        return null;
    }

    /** Records that the enforcement action changed without a rule firing (e.g. a lift). */
    public Activity onActionChange(String actionNow, long t) {
        if (!isOpen() || java.util.Objects.equals(actionNow, action)) {
            return null;
        }
        return sent(Activity.UPDATED, severity, actionNow, t);
    }

    /** Event time the episode closes if nothing else happens, given the policy's cool-down. */
    public long closesAt(long coolDownMillis) {
        return isOpen() ? lastFiringAt + coolDownMillis : Long.MAX_VALUE;
    }

    /** Close reason: no rule fired for the cool-down and no command is in force. */
    public static final String RISK_FELL = "risk_fell";

    /** Close reason: the client sent nothing for the idle TTL and its state is dropped. */
    public static final String CLIENT_IDLE = "client_idle";

    /** Closes the episode at {@code t} for {@code reason}; returns the closing activity. */
    public Activity close(long t, String reason) {
        closeReason = reason;
        return sent(Activity.CLOSED, severity, action, t);
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

    private Activity sent(Activity activity, String severityNow, String actionNow, long t) {
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
