package dev.exdetect.job.model;

import java.util.Arrays;

/**
 * The client's earlier alert episodes and throttle commands, newest last, at most {@link #KEPT} of
 * each, so an alert can show an analyst what happened before without a search through old alerts.
 * Part of the client's state and dropped with it. A Flink POJO.
 */
public class ClientHistory {
    /** Episodes and commands kept, each. */
    public static final int KEPT = 5;

    /** Closed episodes: alert id, opened and closed (event time), last severity, rules (joined). */
    public String[] episodeIds = new String[0];

    public long[] episodeOpenedAt = new long[0];
    public long[] episodeClosedAt = new long[0];
    public String[] episodeSeverities = new String[0];
    public String[] episodeRules = new String[0];

    /** Episodes closed in all, including those no longer kept. */
    public long episodesTotal;

    /** Commands: id, action ({@code LIFT} for a lift), issued and expiry time, cause. */
    public String[] commandIds = new String[0];

    public String[] commandActions = new String[0];
    public long[] commandIssuedAt = new long[0];
    public long[] commandExpiresAt = new long[0];
    public String[] commandCauses = new String[0];

    /** Commands sent in all, including those no longer kept. */
    public long commandsTotal;

    /** For Flink's POJO serializer. */
    public ClientHistory() {}

    /** Records a closed alert episode. */
    public void episodeClosed(
            String alertId, long openedAt, long closedAt, String severity, String[] ruleIds) {
        int keep = Math.min(episodeIds.length, KEPT - 1);
        episodeIds = append(episodeIds, keep, alertId);
        episodeOpenedAt = append(episodeOpenedAt, keep, openedAt);
        episodeClosedAt = append(episodeClosedAt, keep, closedAt);
        episodeSeverities = append(episodeSeverities, keep, severity);
        episodeRules = append(episodeRules, keep, String.join(",", ruleIds));
        episodesTotal++;
    }

    /** Records a command sent to the gateways ({@code action} null for a lift). */
    public void commandSent(
            String commandId, String action, long issuedAt, long expiresAt, String cause) {
        int keep = Math.min(commandIds.length, KEPT - 1);
        commandIds = append(commandIds, keep, commandId);
        commandActions = append(commandActions, keep, action == null ? "LIFT" : action);
        commandIssuedAt = append(commandIssuedAt, keep, issuedAt);
        commandExpiresAt = append(commandExpiresAt, keep, expiresAt);
        commandCauses = append(commandCauses, keep, cause);
        commandsTotal++;
    }

    /** The last {@code keep} entries of {@code a}, then {@code x}. */
    private static String[] append(String[] a, int keep, String x) {
        String[] b = Arrays.copyOfRange(a, a.length - keep, a.length + 1);
        b[keep] = x;
        return b;
    }

    private static long[] append(long[] a, int keep, long x) {
        long[] b = Arrays.copyOfRange(a, a.length - keep, a.length + 1);
        b[keep] = x;
        return b;
    }
}
