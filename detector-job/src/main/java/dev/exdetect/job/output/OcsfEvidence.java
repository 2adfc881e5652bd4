package dev.exdetect.job.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The evidence parts of the OCSF rendering ({@link OcsfJson}): the sample requests as {@code
 * evidences} (request ids, hashed inputs, the client as actor), and the features that crossed the
 * rules' thresholds as {@code anomaly_analyses} (observed value against the threshold the rule
 * holds as normal).
 */
final class OcsfEvidence {
    private OcsfEvidence() {}

    /**
     * One evidence per sample request (the trigger first), then one per related client. Raw text
     * appears only when the native alert carries it ({@code --evidence-raw-text}).
     */
    static ArrayNode evidences(JsonNode alert) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        JsonNode evidence = alert.path("evidence");
        JsonNode trigger = evidence.path("trigger");
        Set<String> seen = new LinkedHashSet<>();
        if (trigger.isObject()) {
            out.add(request(alert, trigger, "trigger request"));
            seen.add(trigger.path("request_id").asText());
        }
        for (JsonNode sample : evidence.path("sample_inputs")) {
            if (seen.add(sample.path("request_id").asText())) {
                out.add(request(alert, sample, "sample request"));
            }
        }
        for (JsonNode related : evidence.path("related_clients")) {
            // Client keys: native alerts list the other members of the cluster behind them.
            ObjectNode e = out.addObject();
            e.put("name", "related client");
            e.putObject("user").put("uid", related.asText());
        }
        return out;
    }

    private static ObjectNode request(JsonNode alert, JsonNode sample, String name) {
        ObjectNode e = Json.object();
        String requestId = sample.path("request_id").asText();
        e.put("name", name);
        e.put("uid", requestId);
        e.set("actor", actor(alert));
        ObjectNode api = e.putObject("api");
        api.put("operation", "model inference");
        api.putObject("request").put("uid", requestId);
        ObjectNode data = e.putObject("data");
        data.put("input_sha256", sample.path("input_sha256").asText());
        data.put("input_length", sample.path("input_length").asInt());
        data.put("input_truncated", sample.path("input_truncated").asBoolean());
        if (sample.path("text").isTextual()) {
            data.put("input_text", sample.path("text").asText());
        }
        return e;
    }

    /** The client as the actor: the user is the client id, its organisation the tenant. */
    static ObjectNode actor(JsonNode alert) {
        ObjectNode actor = Json.object();
        ObjectNode user = actor.putObject("user");
        String client = alert.path("client_id").asText();
        user.put("uid", client);
        user.put("name", client);
        user.put("type", "API client");
        String tenant = OcsfJson.text(alert.path("tenant"));
        if (tenant != null) {
            ObjectNode org = user.putObject("org");
            org.put("uid", tenant);
            org.put("name", tenant);
        }
        return actor;
    }

    /**
     * One analysis of the client: each threshold a firing rule crossed is an anomaly (the feature's
     * value) with, as baselines, the bound the rule treats as normal behaviour and, when a
     * population baseline is loaded, where the feature falls among normal clients.
     */
    static ArrayNode anomalyAnalyses(JsonNode alert, String clientKey) {
        ObjectNode analysis = Json.object();
        ObjectNode target = analysis.putArray("analysis_targets").addObject();
        target.put("name", clientKey);
        target.put("type", "API client");
        ArrayNode anomalies = analysis.putArray("anomalies");
        ArrayNode baselines = analysis.putArray("baselines");
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode rule : alert.path("rules")) {
            String ruleRef = rule.path("id").asText() + "@" + rule.path("version").asText();
            for (JsonNode crossed : rule.path("thresholds_crossed")) {
                String feature = crossed.path("feature").asText();
                String op = crossed.path("op").asText();
                if (seen.add(feature)) {
                    ObjectNode anomaly = anomalies.addObject();
                    anomaly.put("observation_parameter", feature);
                    anomaly.put("observation_type", "Threshold Analysis");
                    anomaly.put("observed_pattern", pattern(op));
                    anomaly.putArray("observations")
                            .addObject()
                            .put("value", crossed.path("value").asText());
                }
                ObjectNode baseline = baselines.addObject();
                baseline.put("observation_parameter", feature);
                baseline.put("observation_type", "Rule threshold (" + ruleRef + ")");
                baseline.put("observed_pattern", "normal when not " + op + " threshold");
                baseline.putArray("observations")
                        .addObject()
                        .put("value", crossed.path("threshold").asText());
            }
        }
        for (JsonNode p : alert.path("evidence").path("population")) {
            ObjectNode baseline = baselines.addObject();
            baseline.put("observation_parameter", p.path("feature").asText());
            baseline.put(
                    "observation_type",
                    "Population baseline ("
                            + p.path("population_clients").asInt()
                            + " normal clients)");
            baseline.put(
                    "observed_pattern",
                    String.format(
                            Locale.ROOT,
                            "client value %s at percentile %.2f; normal p05 %s, median %s, p95 %s",
                            p.path("value").asText(),
                            p.path("percentile").asDouble(),
                            p.path("population_p05").asText(),
                            p.path("population_median").asText(),
                            p.path("population_p95").asText()));
            baseline.putArray("observations")
                    .addObject()
                    .put("value", p.path("population_median").asText());
        }
        if (anomalies.isEmpty()) {
            // OCSF requires at least the anomalies list; an alert always has a firing rule, but
            // a rule without numeric thresholds leaves nothing to show.
            return Json.MAPPER.createArrayNode();
        }
        return Json.MAPPER.createArrayNode().add(analysis);
    }

    private static String pattern(String op) {
        return switch (op) {
            case ">", ">=" -> "ABOVE_THRESHOLD";
            case "<", "<=" -> "BELOW_THRESHOLD";
            default -> "AT_THRESHOLD";
        };
    }
}
