package dev.exdetect.job.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.ClientHistory;
import dev.exdetect.job.model.PopulationEvidence;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.rules.expr.Comparison;
import dev.exdetect.rules.parse.RuleJson;
import dev.exdetect.rules.scoring.Firing;
import java.util.List;
import java.util.Map;

/** Renders an {@link Alert} as the native alert JSON of CONTRACT.md section 2. */
public final class AlertJson {
    /** Value of the {@code schema} field. */
    public static final String SCHEMA = "exdetect.alert.v1";

    private AlertJson() {}

    /** The alert as a JSON object. */
    public static ObjectNode toJson(Alert a) {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("alert_id", a.alertId());
        o.put("activity", a.activity().id());
        o.put("close_reason", a.closeReason() == null ? null : a.closeReason().id());
        o.put("revision", a.revision());
        o.put("opened_at", a.openedAt());
        o.put("client_id", a.clientId());
        o.put("tenant", a.tenant());
        o.put("detected_at", a.detectedAt());
        o.put("trigger_request_id", a.trigger().requestId());
        o.put("client_request_count", a.clientRequestCount());
        o.put("risk_score", round(a.riskScore()));
        o.put("severity", a.severity().name());
        o.put("attack_type", a.attackType().name());
        ArrayNode rules = o.putArray("rules");
        for (Firing f : a.firings()) {
            ObjectNode r = rules.addObject();
            r.put("id", f.rule().id());
            r.put("version", f.rule().version());
            r.put("description", f.rule().description());
            r.put("score", f.rule().score());
            r.put("dry_run", f.rule().dryRun());
            ArrayNode crossed = r.putArray("thresholds_crossed");
            for (Comparison c : f.crossed()) {
                ObjectNode t = crossed.addObject();
                t.put("feature", c.feature().id());
                t.put("op", c.op().symbol());
                t.put("threshold", c.threshold());
                t.put("value", round(a.features().getOrDefault(c.feature().id(), Double.NaN)));
            }
            r.set("snapshot", Json.MAPPER.valueToTree(RuleJson.toMap(f.rule())));
        }
        a.episodeRuleIds().forEach(o.putArray("episode_rule_ids")::add);
        ObjectNode features = o.putObject("features");
        for (Map.Entry<String, Double> e : a.features().entrySet()) {
            features.put(e.getKey(), round(e.getValue()));
        }
        ObjectNode evidence = o.putObject("evidence");
        ObjectNode trigger = evidence.putObject("trigger");
        sample(trigger, a.trigger());
        ArrayNode ids = evidence.putArray("sample_request_ids");
        ArrayNode inputs = evidence.putArray("sample_inputs");
        for (Alert.Sample s : a.samples()) {
            ids.add(s.requestId());
            sample(inputs.addObject(), s);
        }
        var related = evidence.putArray("related_clients");
        if (a.cluster() != null) {
            var c = a.cluster();
            String self = ClientKeys.of(a.tenant(), a.clientId());
            for (String member : c.members) {
                if (!member.equals(self)) {
                    related.add(member);
                }
            }
            ObjectNode cluster = evidence.putObject("cluster");
            cluster.put("cluster_id", c.clusterId);
            cluster.put("member_count", c.memberCount);
            var links = cluster.putArray("links");
            for (int i = 0; i < c.linkA.length; i++) {
                ObjectNode link = links.addObject();
                link.put("a", c.linkA[i]);
                link.put("b", c.linkB[i]);
                link.put("strength", round(c.linkStrength[i]));
                link.put("signals", c.linkSignals[i]);
            }
        }
        population(evidence, a.population());
        history(evidence, a.history());
        o.put("action", a.action());
        return o;
    }

    private static void population(ObjectNode evidence, List<PopulationEvidence.Entry> entries) {
        ArrayNode list = evidence.putArray("population");
        for (PopulationEvidence.Entry e : entries) {
            ObjectNode n = list.addObject();
            n.put("feature", e.feature());
            n.put("value", round(e.value()));
            n.put("percentile", round(e.percentile()));
            n.put("two_sided_tail", round(e.twoSidedTail()));
            n.put("population_p05", round(e.p05()));
            n.put("population_median", round(e.median()));
            n.put("population_p95", round(e.p95()));
            n.put("population_clients", e.clients());
        }
    }

    private static void history(ObjectNode evidence, ClientHistory h) {
        ArrayNode alerts = evidence.putArray("previous_alerts");
        ArrayNode commands = evidence.putArray("previous_commands");
        for (int i = 0; i < h.episodeIds.length; i++) {
            ObjectNode n = alerts.addObject();
            n.put("alert_id", h.episodeIds[i]);
            n.put("opened_at", h.episodeOpenedAt[i]);
            n.put("closed_at", h.episodeClosedAt[i]);
            n.put("severity", h.episodeSeverities[i]);
            ArrayNode rules = n.putArray("rule_ids");
            for (String id : h.episodeRules[i].split(",")) {
                if (!id.isEmpty()) {
                    rules.add(id);
                }
            }
        }
        for (int i = 0; i < h.commandIds.length; i++) {
            ObjectNode n = commands.addObject();
            n.put("command_id", h.commandIds[i]);
            n.put("action", h.commandActions[i]);
            n.put("issued_at", h.commandIssuedAt[i]);
            n.put("expires_at", h.commandExpiresAt[i]);
            n.put("cause", h.commandCauses[i]);
        }
        evidence.put("previous_alerts_total", h.episodesTotal);
        evidence.put("previous_commands_total", h.commandsTotal);
    }

    private static void sample(ObjectNode node, Alert.Sample s) {
        node.put("request_id", s.requestId());
        node.put("input_sha256", s.inputSha256());
        node.put("input_length", s.inputLength());
        node.put("input_truncated", s.inputTruncated());
        if (s.text() != null) {
            node.put("text", s.text());
        }
    }

    /** Six significant decimals: enough for analysts, and stable text for equal values. */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
    }
}
