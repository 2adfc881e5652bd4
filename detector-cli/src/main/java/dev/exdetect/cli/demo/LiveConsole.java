package dev.exdetect.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.request.ClientKeys;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints alerts and throttle commands as they are committed to their topics, one line each, the way
 * a SOC console or a gateway would see them (a {@code read_committed} consumer).
 */
public final class LiveConsole implements Runnable {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String bootstrapServers;
    private final String alertsTopic;
    private final String throttleTopic;
    private final PrintWriter out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final long startedAt = System.currentTimeMillis();
    private volatile long firstAlertAt;

    /** A console for the given topics, printing to {@code out}. */
    public LiveConsole(
            String bootstrapServers, String alertsTopic, String throttleTopic, PrintWriter out) {
        this.bootstrapServers = bootstrapServers;
        this.alertsTopic = alertsTopic;
        this.throttleTopic = throttleTopic;
        this.out = out;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "exdetect-demo-console");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(alertsTopic, throttleTopic));
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    print(r);
                }
            }
        }
    }

    private void print(ConsumerRecord<String, String> r) {
        if (r.topic().equals(alertsTopic)) {
            alerts.incrementAndGet();
            if (firstAlertAt == 0) {
                firstAlertAt = System.currentTimeMillis();
            }
            out.println(alertLine(read(r.value())));
        } else {
            commands.incrementAndGet();
            out.println(
                    r.value() == null
                            ? "[LIFT]     " + r.key() + "  throttle lifted"
                            : commandLine(read(r.value())));
        }
        out.flush();
    }

    static String alertLine(JsonNode a) {
        StringBuilder rules = new StringBuilder();
        for (JsonNode rule : a.path("rules")) {
            rules.append(rules.length() == 0 ? "" : ", ").append(rule.path("id").asText());
        }
        // With a population baseline, the feature most unlike normal clients' among those crossed.
        JsonNode unusual = a.path("evidence").path("population").path(0);
        String population =
                unusual.isObject()
                        ? String.format(
                                Locale.ROOT,
                                "; %s %s vs normal median %s",
                                unusual.path("feature").asText(),
                                unusual.path("value").asText(),
                                unusual.path("population_median").asText())
                        : "";
        return String.format(
                Locale.ROOT,
                "[ALERT]    %s  %-8s %-18s risk %.2f  %-24s rules: %s  (after %d requests, trigger %s%s)",
                TIME.format(Instant.ofEpochMilli(a.path("detected_at").asLong())),
                a.path("severity").asText(),
                a.path("attack_type").asText(),
                a.path("risk_score").asDouble(),
                ClientKeys.of(a),
                rules,
                a.path("client_request_count").asLong(),
                a.path("trigger_request_id").asText(),
                population);
    }

    static String commandLine(JsonNode c) {
        JsonNode limit = c.path("limit");
        String what =
                c.path("action").asText()
                        + (limit.isObject()
                                ? " "
                                        + limit.path("requests").asInt()
                                        + " req/"
                                        + limit.path("per_seconds").asInt()
                                        + "s"
                                : "");
        return String.format(
                "[COMMAND]  %s  %-22s %-24s until %s  (v%d, rules %s)",
                TIME.format(Instant.ofEpochMilli(c.path("issued_at").asLong())),
                what,
                ClientKeys.of(c),
                TIME.format(Instant.ofEpochMilli(c.path("expires_at").asLong())),
                c.path("version").asInt(),
                c.path("reason").path("rule_ids"));
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.object().put("raw", json);
        }
    }

    /** Alerts printed so far. */
    public long alerts() {
        return alerts.get();
    }

    /** Throttle commands and lifts printed so far. */
    public long commands() {
        return commands.get();
    }

    /** Seconds from start to the first alert, or -1 when there was none yet. */
    public double secondsToFirstAlert() {
        return firstAlertAt == 0 ? -1 : (firstAlertAt - startedAt) / 1000.0;
    }

    /** Stops after the current poll. */
    public void stop() {
        running.set(false);
    }
}
