package dev.exdetect.evaluation.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.rules.model.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector said about each client, read back from its alert and throttle-command files.
 * Request numbers come from the simulator's request ids ({@code CLIENT-N}): the trigger request of
 * an alert or command is the client's N-th request.
 */
public final class Verdicts {
    /** Alert severities from least to most severe. */
    public static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    /**
     * An alert.
     *
     * @param seq the trigger request's number
     * @param timeMillis event time of the trigger
     * @param severity LOW to CRITICAL
     * @param clientRequestCount what the alert says the client had sent
     * @param rules ids of the rules that fired
     */
    public record AlertHit(
            long seq,
            long timeMillis,
            String severity,
            long clientRequestCount,
            List<String> rules) {
        /** Whether the severity is at least MEDIUM. */
        public boolean atLeastMedium() {
            return SEVERITIES.indexOf(severity) >= 1;
        }
    }

    /**
     * A throttle command, or a lift ({@code action} null).
     *
     * @param seq trigger request's number (0 for a lift, which no request triggers)
     * @param timeMillis when it was issued (lifts: when the command lapsed)
     * @param action MONITOR, DEGRADE, THROTTLE, BLOCK, or null for a lift
     * @param limitRequests THROTTLE's allowance, or 0
     * @param limitSeconds THROTTLE's period, or 0
     * @param expiresAt when it lapses (0 for a lift)
     */
    public record CommandHit(
            long seq,
            long timeMillis,
            Action action,
            int limitRequests,
            int limitSeconds,
            long expiresAt) {
        /** DEGRADE, THROTTLE or BLOCK: the gateway changes what the client gets. */
        public boolean enforces() {
            return action != null && action.enforces();
        }
    }

    /** One client's alerts and commands, in event-time order. */
    public record ClientVerdict(List<AlertHit> alerts, List<CommandHit> commands) {
        /** The first alert, or null. */
        public AlertHit firstAlert() {
            return alerts.isEmpty() ? null : alerts.get(0);
        }

        /** The first alert of severity MEDIUM or more, or null. */
        public AlertHit firstMediumAlert() {
            return alerts.stream().filter(AlertHit::atLeastMedium).findFirst().orElse(null);
        }

        /** The first DEGRADE, THROTTLE or BLOCK command, or null. */
        public CommandHit firstEnforcement() {
            return commands.stream().filter(CommandHit::enforces).findFirst().orElse(null);
        }

        /**
         * The request number at which the benchmark counts the client as flagged: the first MEDIUM+
         * alert or enforcing command, whichever came first; -1 if neither.
         */
        public long flagSeq() {
            AlertHit a = firstMediumAlert();
            CommandHit c = firstEnforcement();
            long sa = a == null ? Long.MAX_VALUE : a.seq();
            long sc = c == null ? Long.MAX_VALUE : c.seq();
            long s = Math.min(sa, sc);
            return s == Long.MAX_VALUE ? -1 : s;
        }
    }

    private static final ClientVerdict NONE = new ClientVerdict(List.of(), List.of());

    private final Map<String, ClientVerdict> byClient;

    private Verdicts(Map<String, ClientVerdict> byClient) {
        this.byClient = byClient;
    }

    /** Reads a detector run's output files. */
    public static Verdicts read(Path alerts, Path throttles) throws IOException {
        Map<String, List<AlertHit>> a = new HashMap<>();
        for (JsonNode n : lines(alerts)) {
            List<String> rules = new ArrayList<>();
            n.path("rules").forEach(r -> rules.add(r.path("id").asText()));
            a.computeIfAbsent(n.path("client_id").asText(), k -> new ArrayList<>())
                    .add(
                            new AlertHit(
                                    seqOf(n.path("trigger_request_id").asText()),
                                    n.path("detected_at").asLong(),
                                    n.path("severity").asText(),
                                    n.path("client_request_count").asLong(),
                                    List.copyOf(rules)));
        }
        Map<String, List<CommandHit>> c = new HashMap<>();
        for (JsonNode n : lines(throttles)) {
            boolean lift = n.path("tombstone").asBoolean(false);
            JsonNode limit = n.path("limit");
            c.computeIfAbsent(n.path("client_id").asText(), k -> new ArrayList<>())
                    .add(
                            lift
                                    ? new CommandHit(0, n.path("issued_at").asLong(), null, 0, 0, 0)
                                    : new CommandHit(
                                            seqOf(n.path("trigger_request_id").asText()),
                                            n.path("issued_at").asLong(),
                                            Action.valueOf(n.path("action").asText()),
                                            limit.path("requests").asInt(0),
                                            limit.path("per_seconds").asInt(0),
                                            n.path("expires_at").asLong()));
        }
        Map<String, ClientVerdict> out = new HashMap<>();
        java.util.Set<String> clients = new java.util.HashSet<>(a.keySet());
        clients.addAll(c.keySet());
        for (String client : clients) {
            List<AlertHit> alertHits = new ArrayList<>(a.getOrDefault(client, List.of()));
            alertHits.sort(
                    Comparator.comparingLong(AlertHit::timeMillis)
                            .thenComparingLong(AlertHit::seq));
            List<CommandHit> commands = new ArrayList<>(c.getOrDefault(client, List.of()));
            // A lift sorts before a command issued at the same time: the command is what holds.
            commands.sort(
                    Comparator.comparingLong(CommandHit::timeMillis)
                            .thenComparing(h -> h.action() != null)
                            .thenComparingLong(CommandHit::seq));
            out.put(client, new ClientVerdict(List.copyOf(alertHits), List.copyOf(commands)));
        }
        return new Verdicts(out);
    }

    /** The verdict on {@code clientId} (empty when the detector said nothing). */
    public ClientVerdict of(String clientId) {
        return byClient.getOrDefault(clientId, NONE);
    }

    /** The request number in a simulator request id {@code CLIENT-N}. */
    public static long seqOf(String requestId) {
        int dash = requestId.lastIndexOf('-');
        try {
            return Long.parseLong(requestId.substring(dash + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "not a simulator request id (CLIENT-N): " + requestId, e);
        }
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add(Json.MAPPER.readTree(line));
            }
        }
        return out;
    }
}
