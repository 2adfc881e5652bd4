package dev.exdetect.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.AlertActivity;
import dev.exdetect.job.model.CloseReason;
import dev.exdetect.job.request.ClientKeys;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a native alert (CONTRACT.md section 2) as an OCSF 1.5 Detection Finding (class_uid 2004,
 * category_uid 2), the event class SIEMs that speak OCSF ingest for detections.
 *
 * <p>It works from the native JSON rather than from {@link Alert}, so any field the native alert
 * gains (such as the lifecycle {@code activity}) reaches the OCSF form in one place, and stored
 * native alerts can be converted after the fact. The mapping is documented field by field in
 * docs/FORMATS.md ("Alert as OCSF"); the test suite validates the output against a JSON Schema
 * derived from the OCSF 1.5.0 definitions.
 */
public final class OcsfJson {
    /** The OCSF schema version written to {@code metadata.version}. */
    public static final String OCSF_VERSION = "1.5.0";

    /** Detection Finding. */
    public static final int CLASS_UID = 2004;

    /** Findings. */
    public static final int CATEGORY_UID = 2;

    /** The exdetect version written to {@code metadata.product.version}. */
    public static final String PRODUCT_VERSION = ProductVersion.RELEASE;

    /** MITRE ATLAS: the tactic, technique and sub-technique every extraction alert maps to. */
    static final String ATLAS_TACTIC_UID = "AML.TA0010";

    static final String ATLAS_TACTIC = "Exfiltration";
    static final String ATLAS_TECHNIQUE_UID = "AML.T0024";
    static final String ATLAS_TECHNIQUE = "Exfiltration via AI Inference API";
    static final String ATLAS_SUB_TECHNIQUE_UID = "AML.T0024.002";
    static final String ATLAS_SUB_TECHNIQUE = "Extract AI Model";

    private static final String ATLAS_URL = "https://atlas.mitre.org/";

    private OcsfJson() {}

    /**
     * The Detection Finding for one native alert.
     *
     * @param alert native alert JSON ({@link AlertJson#toJson})
     * @param model the model that served the triggering request, or null; a {@code model} field of
     *     the native alert, when present, wins
     */
    public static ObjectNode detectionFinding(JsonNode alert, String model) {
        AlertActivity activity = OcsfActivity.parse(alert.path("activity").asText(""));
        OcsfActivity ocsfActivity = OcsfActivity.of(activity);
        long detectedAt = alert.path("detected_at").asLong();
        String clientKey = ClientKeys.of(alert);
        String action = text(alert.path("action"));
        double risk = alert.path("risk_score").asDouble();
        double confidence = strongestRuleScore(alert);

        ObjectNode o = Json.object();
        o.put("class_uid", CLASS_UID);
        o.put("class_name", "Detection Finding");
        o.put("category_uid", CATEGORY_UID);
        o.put("category_name", "Findings");
        o.put("activity_id", ocsfActivity.id());
        o.put("activity_name", ocsfActivity.caption());
        o.put("type_uid", CLASS_UID * 100 + ocsfActivity.id());
        o.put("type_name", "Detection Finding: " + ocsfActivity.caption());
        OcsfSeverity severity = OcsfSeverity.parse(alert.path("severity").asText(""));
        o.put("severity_id", severity.severityId());
        o.put("severity", severity.caption());
        o.put("time", detectedAt);
        o.put("time_dt", Instant.ofEpochMilli(detectedAt).toString());
        o.put("message", message(alert, clientKey, action));
        o.put("status_id", activity == AlertActivity.CLOSED ? 4 : 1);
        o.put("status", activity == AlertActivity.CLOSED ? "Resolved" : "New");
        if (alert.path("close_reason").isTextual()) {
            o.put(
                    "status_detail",
                    CloseReason.CLIENT_IDLE.id().equals(alert.path("close_reason").asText())
                            ? "Closed: the client went idle and its state was dropped"
                            : "Closed: no rule fired for the cool-down and no command is in force");
        }
        o.put("is_alert", activity != AlertActivity.CLOSED);
        o.put("confidence_id", confidence >= 0.7 ? 3 : confidence >= 0.4 ? 2 : 1);
        o.put("confidence", confidence >= 0.7 ? "High" : confidence >= 0.4 ? "Medium" : "Low");
        o.put("confidence_score", percent(confidence));
        o.put("risk_score", percent(risk));
        o.put("risk_level_id", severity.riskLevelId());
        o.put("risk_level", severity.riskCaption());
        o.put("risk_details", riskDetails(alert));
        o.set("finding_info", findingInfo(alert, detectedAt, clientKey, action));
        o.set("resources", resources(alert, model));
        ArrayNode evidences = OcsfEvidence.evidences(alert);
        if (!evidences.isEmpty()) {
            o.set("evidences", evidences);
        }
        ArrayNode analyses = OcsfEvidence.anomalyAnalyses(alert, clientKey);
        if (!analyses.isEmpty()) {
            o.set("anomaly_analyses", analyses);
        }
        o.set("remediation", remediation(alert, clientKey, action));
        o.set("metadata", metadata(alert, clientKey));
        o.set("unmapped", unmapped(alert));
        return o;
    }

    private static ObjectNode findingInfo(
            JsonNode alert, long detectedAt, String clientKey, String action) {
        ObjectNode f = Json.object();
        f.put("uid", alert.path("alert_id").asText());
        String attack = humanAttackType(alert.path("attack_type").asText("UNKNOWN"));
        f.put("title", "Model extraction risk (" + attack + ") from " + clientKey);
        StringBuilder desc = new StringBuilder();
        for (JsonNode rule : alert.path("rules")) {
            desc.append(desc.length() == 0 ? "" : " ")
                    .append(rule.path("id").asText())
                    .append(": ")
                    .append(rule.path("description").asText());
        }
        f.put("desc", desc.toString());
        ArrayNode types = f.putArray("types");
        types.add("Model Extraction");
        types.add(alert.path("attack_type").asText("UNKNOWN"));
        // An alert episode opens once and is then updated: created is the opening, the rest is
        // when this message was raised.
        f.put("created_time", alert.path("opened_at").asLong(detectedAt));
        f.put("modified_time", detectedAt);
        f.put("last_seen_time", detectedAt);
        f.putArray("data_sources").add("model API request logs");
        JsonNode rules = alert.path("rules");
        if (rules.size() > 0) {
            f.set("analytic", analytic(strongestRule(rules)));
            ArrayNode related = Json.MAPPER.createArrayNode();
            for (JsonNode rule : rules) {
                if (rule != strongestRule(rules)) {
                    related.add(analytic(rule));
                }
            }
            if (!related.isEmpty()) {
                f.set("related_analytics", related);
            }
        } else if (alert.path("episode_rule_ids").size() > 0) {
            // A message raised by time passing (e.g. closing) names the episode's rules.
            ObjectNode a = Json.object();
            String id = alert.path("episode_rule_ids").get(0).asText();
            a.put("uid", id);
            a.put("name", id);
            a.put("type_id", 1);
            a.put("type", "Rule");
            f.set("analytic", a);
        }
        f.putArray("attacks").add(atlasAttack(action));
        return f;
    }

    private static ObjectNode analytic(JsonNode rule) {
        ObjectNode a = Json.object();
        a.put("uid", rule.path("id").asText());
        a.put("name", rule.path("id").asText());
        a.put("type_id", 1);
        a.put("type", "Rule");
        a.put("version", rule.path("version").asText());
        a.put("desc", rule.path("description").asText());
        return a;
    }

    /** MITRE ATLAS AML.T0024.002, with the mitigation the gateway command applies, if any. */
    private static ObjectNode atlasAttack(String action) {
        ObjectNode attack = Json.object();
        attack.set(
                "tactic",
                atlasEntity(ATLAS_TACTIC_UID, ATLAS_TACTIC, "tactics/" + ATLAS_TACTIC_UID));
        attack.set(
                "technique",
                atlasEntity(
                        ATLAS_TECHNIQUE_UID, ATLAS_TECHNIQUE, "techniques/" + ATLAS_TECHNIQUE_UID));
        attack.set(
                "sub_technique",
                atlasEntity(
                        ATLAS_SUB_TECHNIQUE_UID,
                        ATLAS_SUB_TECHNIQUE,
                        "techniques/" + ATLAS_SUB_TECHNIQUE_UID));
        if ("THROTTLE".equals(action) || "BLOCK".equals(action)) {
            attack.set(
                    "mitigation",
                    atlasEntity(
                            "AML.M0004",
                            "Restrict Number of AI Model Queries",
                            "mitigations/AML.M0004"));
        } else if ("DEGRADE".equals(action)) {
            attack.set(
                    "mitigation",
                    atlasEntity(
                            "AML.M0002", "Passive AI Output Obfuscation", "mitigations/AML.M0002"));
        }
        return attack;
    }

    private static ObjectNode atlasEntity(String uid, String name, String path) {
        ObjectNode e = Json.object();
        e.put("uid", uid);
        e.put("name", name);
        e.put("src_url", ATLAS_URL + path);
        return e;
    }

    private static ArrayNode resources(JsonNode alert, String model) {
        String name = text(alert.path("model"));
        if (name == null) {
            name = model;
        }
        ObjectNode r = Json.object();
        r.put("type", "AI Model");
        r.put("name", name != null ? name : "unknown model");
        if (name != null) {
            r.put("uid", name);
        }
        return Json.MAPPER.createArrayNode().add(r);
    }

    private static ObjectNode remediation(JsonNode alert, String clientKey, String action) {
        ObjectNode r = Json.object();
        if (action != null) {
            r.put(
                    "desc",
                    "Throttle command "
                            + action
                            + " issued for client key '"
                            + clientKey
                            + "' on the compacted throttle topic (reason.alert_id "
                            + alert.path("alert_id").asText()
                            + "). Gateways subscribed to the topic enforce it until its"
                            + " expires_at; a tombstone for the key lifts it earlier.");
        } else {
            r.put(
                    "desc",
                    "No throttle command is in force for client key '"
                            + clientKey
                            + "' (the rules that fired only monitor, or run in dry-run)."
                            + " Review the evidence; to restrict the client, write a command"
                            + " for the key to the throttle topic.");
        }
        ArrayNode refs = r.putArray("references");
        refs.add(ATLAS_URL + "techniques/" + ATLAS_SUB_TECHNIQUE_UID);
        refs.add(ATLAS_URL + "mitigations/AML.M0004");
        return r;
    }

    private static ObjectNode metadata(JsonNode alert, String clientKey) {
        ObjectNode m = Json.object();
        m.put("version", OCSF_VERSION);
        ObjectNode product = m.putObject("product");
        product.put("name", "exdetect");
        product.put("vendor_name", "exdetect");
        product.put("version", PRODUCT_VERSION);
        product.putObject("feature").put("name", "model extraction detector");
        m.putArray("profiles").add("datetime");
        m.put("correlation_uid", clientKey);
        String tenant = text(alert.path("tenant"));
        if (tenant != null) {
            m.put("tenant_uid", tenant);
        }
        m.putArray("labels").add("model-extraction");
        return m;
    }

    /** What OCSF has no place for, under one vendor key: the native schema and raw numbers. */
    private static ObjectNode unmapped(JsonNode alert) {
        ObjectNode u = Json.object();
        ObjectNode x = u.putObject("exdetect");
        x.put("native_schema", alert.path("schema").asText());
        x.put("attack_type", alert.path("attack_type").asText());
        x.put("client_request_count", alert.path("client_request_count").asLong());
        x.put("trigger_request_id", alert.path("trigger_request_id").asText());
        x.set("risk_score", alert.path("risk_score"));
        x.set("action", alert.path("action"));
        x.set("features", alert.path("features"));
        return u;
    }

    private static String message(JsonNode alert, String clientKey, String action) {
        StringBuilder rules = new StringBuilder();
        for (JsonNode rule : alert.path("rules")) {
            rules.append(rules.length() == 0 ? "" : ", ").append(rule.path("id").asText());
        }
        return String.format(
                Locale.ROOT,
                "Model extraction risk %s (%.2f) from %s: %s; action %s",
                alert.path("severity").asText(),
                alert.path("risk_score").asDouble(),
                clientKey,
                rules,
                action == null ? "none" : action);
    }

    private static String riskDetails(JsonNode alert) {
        StringBuilder s = new StringBuilder("risk = 1 - prod(1 - rule score) over ");
        boolean first = true;
        for (JsonNode rule : alert.path("rules")) {
            s.append(first ? "" : ", ")
                    .append(rule.path("id").asText())
                    .append(" (")
                    .append(rule.path("score").asText())
                    .append(')');
            first = false;
        }
        return s.toString();
    }

    /** The rule with the highest score: the analytic of the finding, and its confidence. */
    private static JsonNode strongestRule(JsonNode rules) {
        JsonNode best = rules.get(0);
        for (JsonNode rule : rules) {
            if (rule.path("score").asDouble() > best.path("score").asDouble()) {
                best = rule;
            }
        }
        return best;
    }

    private static double strongestRuleScore(JsonNode alert) {
        JsonNode rules = alert.path("rules");
        return rules.size() == 0 ? 0 : strongestRule(rules).path("score").asDouble();
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static int percent(double score) {
        return (int) Math.round(Math.max(0, Math.min(1, score)) * 100);
    }

    private static String humanAttackType(String attackType) {
        return attackType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
