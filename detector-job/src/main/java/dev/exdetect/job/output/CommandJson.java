package dev.exdetect.job.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.rules.response.Decision;

/** Renders throttle commands (CONTRACT.md section 3) and the file form of their lifts. */
public final class CommandJson {
    /** Value of the {@code schema} field. */
    public static final String SCHEMA = "exdetect.throttle.v1";

    private CommandJson() {}

    /**
     * The command as JSON.
     *
     * @param commandId deterministic id
     * @param clientId whom to act on
     * @param tenant the client's tenant, or null
     * @param d the decision
     * @param triggerRequestId the request that led to it
     * @param alertId the alert behind it, or null
     * @param riskScore the client's risk when it was issued
     */
    public static ObjectNode command(
            String commandId,
            String clientId,
            String tenant,
            Decision d,
            String triggerRequestId,
            String alertId,
            double riskScore) {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("command_id", commandId);
        o.put("client_id", clientId);
        o.put("tenant", tenant);
        o.put("action", d.action().name());
        if (d.limit() != null) {
            ObjectNode limit = o.putObject("limit");
            limit.put("requests", d.limit().requests());
            limit.put("per_seconds", d.limit().perSeconds());
        } else {
            o.putNull("limit");
        }
        o.put("issued_at", d.issuedAt());
        o.put("expires_at", d.expiresAt());
        o.put("version", d.version());
        o.put("trigger_request_id", triggerRequestId);
        ObjectNode reason = o.putObject("reason");
        reason.put("alert_id", alertId);
        d.ruleIds().forEach(reason.putArray("rule_ids")::add);
        reason.put("risk_score", AlertJson.round(riskScore));
        reason.put("cause", d.cause());
        return o;
    }

    /**
     * What a lift looks like in {@code throttles.jsonl} (on Kafka it is a tombstone: the key with a
     * null value).
     */
    public static ObjectNode liftLine(
            String key, String commandId, String clientId, String tenant, Decision d) {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("key", key);
        o.put("tombstone", true);
        o.put("command_id", commandId);
        o.put("client_id", clientId);
        o.put("tenant", tenant);
        o.put("issued_at", d.issuedAt());
        o.put("version", d.version());
        o.put("lifted_because", d.cause());
        return o;
    }
}
