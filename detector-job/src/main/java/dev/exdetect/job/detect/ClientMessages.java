package dev.exdetect.job.detect;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.AlertActivity;
import dev.exdetect.job.model.PopulationEvidence;
import dev.exdetect.job.output.CommandJson;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.rules.model.AttackType;
import dev.exdetect.rules.model.Severity;
import dev.exdetect.rules.response.Decision;
import dev.exdetect.rules.scoring.Firing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Assembles and sends the messages about one client: its alert messages (CONTRACT.md section 2, in
 * the configured {@link DetectorConfig#alertFormat}) and its throttle commands and lifts (section
 * 3). Each message sent is recorded where it belongs (a command in the client's history) and
 * counted once in {@link DetectionMetrics}.
 */
final class ClientMessages {
    private final DetectorConfig config;
    private final DetectionMetrics metrics;

    ClientMessages(DetectorConfig config, DetectionMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Sends the alert message of {@code activity} for the client's episode, as of the episode's
     * last message (the caller has just recorded it in {@code s.episode}), showing {@code why}.
     */
    void sendAlert(ClientState s, AlertActivity activity, Judgement why, ClientOutbox out) {
        AlertEpisode episode = s.episode;
        long t = episode.lastSentAt;
        List<Alert.Sample> samples = new ArrayList<>();
        for (int i = 0; i < s.samples.size; i++) {
            samples.add(s.samples.sample(i));
        }
        // The episode records the severity of every message it sends.
        Severity severity = Severity.valueOf(episode.severity);
        Map<String, Double> featureValues = why.features().asMap();
        String action = s.actionInForce(t);
        Alert alert =
                new Alert(
                        episode.alertId,
                        activity,
                        episode.closedBecause(),
                        episode.revision,
                        episode.openedAt,
                        s.clientId,
                        s.tenant,
                        t,
                        why.trigger(),
                        s.features.requestCount,
                        why.risk(),
                        severity,
                        attackType(why.firings()),
                        why.firings(),
                        List.of(episode.ruleIds),
                        featureValues,
                        samples,
                        action,
                        s.clusterBehind(),
                        PopulationEvidence.compare(
                                config.population(), featureValues, why.firings()),
                        s.ensureHistory());
        out.alert(
                OutputRecord.of(
                        out.key(),
                        config.alertFormat().render(alert, s.model),
                        t,
                        alert.alertId() + "#" + alert.revision()));
        metrics.alertSent(severity, action);
    }

    /**
     * Sends the command (or lift) {@code d} for the client, raised by request {@code
     * triggerRequestId} at risk {@code risk}, records it in the client's history and wakes the
     * function when a command lapses.
     */
    void sendCommand(
            ClientState s, Decision d, String triggerRequestId, double risk, ClientOutbox out) {
        String key = out.key();
        String commandId;
        if (d.isLift()) {
            commandId = Ids.uuid("lift", key, Long.toString(d.version()));
            byte[] line = Json.bytes(CommandJson.liftLine(key, commandId, s.clientId, s.tenant, d));
            out.command(OutputRecord.tombstone(key, line, d.issuedAt(), commandId));
        } else {
            commandId =
                    Ids.uuid(
                            "command",
                            key,
                            Long.toString(d.version()),
                            d.action().name(),
                            triggerRequestId);
            byte[] json =
                    Json.bytes(
                            CommandJson.command(
                                    commandId,
                                    s.clientId,
                                    s.tenant,
                                    d,
                                    triggerRequestId,
                                    s.episode.alertId,
                                    risk));
            out.command(OutputRecord.of(key, json, d.issuedAt(), commandId));
            out.wakeAt(d.expiresAt());
        }
        String action = d.isLift() ? null : d.action().name();
        s.ensureHistory().commandSent(commandId, action, d.issuedAt(), d.expiresAt(), d.cause());
        metrics.commandSent(action);
    }

    /** The best guess of the attack: that of the highest-scoring rule that fired. */
    private static AttackType attackType(List<Firing> firings) {
        AttackType attackType = AttackType.UNKNOWN;
        double best = -1;
        for (Firing f : firings) {
            if (f.rule().score() > best) {
                best = f.rule().score();
                attackType = f.rule().attackType();
            }
        }
        return attackType;
    }
}
