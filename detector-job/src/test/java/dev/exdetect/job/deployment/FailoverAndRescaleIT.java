package dev.exdetect.job.deployment;

import static dev.exdetect.job.deployment.FlinkProcesses.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.embedded.EmbeddedKafka;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.testing.TestLogs;
import dev.exdetect.simulation.Profiles;
import dev.exdetect.simulation.TrafficSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector on a real Flink cluster of separate processes (a JobManager and two TaskManagers),
 * submitted through the REST API as {@code detector-cluster.jar}, reading and writing a real Kafka
 * broker, surviving what clusters go through:
 *
 * <ol>
 *   <li>at parallelism 2, a TaskManager is killed with SIGKILL while outputs are being written, and
 *       a new one is started: the job restores from its last checkpoint;
 *   <li>the job is stopped with a savepoint and resumed from it at parallelism 1: every client's
 *       state moves to the one remaining instance and carries on.
 * </ol>
 *
 * <p>What must hold at the end: the alert and throttle topics, read with {@code read_committed} as
 * SOC tools and gateways read them, hold exactly the outputs that a replay of the same records
 * gives, each once: nothing lost, nothing duplicated, no client's features restarted (a restarted
 * request count would change the alerts).
 *
 * <p>How the expected outputs are known: the traffic comes in three phases of two minutes of event
 * time; after each phase, once the job has consumed it (its committed offsets reach the end of the
 * topic), one "clock" record per partition moves event time past the phase. The out-of-orderness
 * bound (3 min) exceeds a phase, so no record is ever late whatever order the partitions are read
 * in, and the live job must give what the replay gives up to the last watermark.
 */
class FailoverAndRescaleIT {
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final long PHASE_MILLIS = 120_000;
    private static final int PHASES = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir Path dir;

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void survivesALostTaskManagerAndARescaleWithEveryOutputExactlyOnce() throws Exception {
        long started = System.nanoTime();
        Traffic traffic = Traffic.of(waves(), PHASE_MILLIS, BOUND);
        // The default pack with updates at most every 30 s instead of 10 min, so that clients
        // active across phases get alerts in each: the rescale check reads their request counts.
        String pack =
                Files.readString(Path.of("..", "samples", "rules", "default-rules.yaml"))
                        .replace("suppress_for: 10m", "suppress_for: 30s");
        assertThat(pack).contains("suppress_for: 30s");
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, pack);
        Outputs expected = Outputs.replay(traffic.all(), BOUND, rules, dir.resolve("replay"));
        assertThat(expected.upTo(traffic.watermarkAfter(1)))
                .as("the traffic gives alerts in the first phase")
                .isNotEmpty();
        assertThat(expected.between(traffic.watermarkAfter(1), traffic.watermarkAfter(2)))
                .as("and in the second, which the failure interrupts")
                .isNotEmpty();
        assertThat(expected.between(traffic.watermarkAfter(2), traffic.watermarkAfter(3)))
                .as("and in the third, after the rescale")
                .isNotEmpty();

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                FlinkProcesses cluster = FlinkProcesses.start(dir.resolve("flink"), 2)) {
            try {
                runScenario(kafka, cluster, traffic, rules, expected, started);
            } catch (Throwable failure) {
                // Keep the cluster's logs where CI keeps reports; the temporary folder goes away.
                Path kept = Path.of("target", "cluster-it-logs");
                Files.createDirectories(kept);
                try (var logs = Files.list(cluster.logDir())) {
                    for (Path log : logs.toList()) {
                        Files.copy(
                                log,
                                kept.resolve(log.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                throw failure;
            }
        }
    }

    private void runScenario(
            EmbeddedKafka kafka,
            FlinkProcesses cluster,
            Traffic traffic,
            Path rules,
            Outputs expected,
            long started)
            throws Exception {
        {
            String bootstrap = kafka.bootstrapServers();
            DeploymentTopics topics = new DeploymentTopics(bootstrap);
            topics.create();
            FlinkRestClient rest = cluster.rest();
            String jar = rest.uploadJar(Path.of("target", "detector-cluster.jar"));
            List<String> args =
                    List.of(
                            "run",
                            "--bootstrap-servers",
                            bootstrap,
                            "--max-out-of-orderness",
                            "3m",
                            "--checkpoint-interval",
                            "1s",
                            "--checkpoint-dir",
                            dir.resolve("checkpoints").toUri().toString(),
                            "--restart-attempts",
                            "10",
                            "--rules",
                            rules.toAbsolutePath().toString());
            String savepoints = dir.resolve("savepoints").toUri().toString();

            // Phase 1 at parallelism 2.
            String job = rest.runJar(jar, args, 2, null);
            await("the job to run", WAIT, () -> rest.allTasksRunning(job));
            feedPhase(topics, traffic, 1);
            awaitOutputs(topics, expected, traffic.watermarkAfter(1));

            // Phase 2: a TaskManager dies while the phase's outputs are being written.
            topics.produce(traffic.phase(2));
            topics.awaitConsumed(WAIT);
            topics.produce(traffic.clocks(2));
            await(
                    "outputs of phase 2 being written",
                    WAIT,
                    () ->
                            topics.readAll(false).stream()
                                    .anyMatch(o -> o.time() > traffic.watermarkAfter(1)));
            long killed = System.nanoTime();
            cluster.killTaskManager("taskmanager-1");
            cluster.startTaskManager("taskmanager-3");
            long replacedMillis = (System.nanoTime() - killed) / 1_000_000;
            await(
                    "the job to restore from its checkpoint",
                    WAIT,
                    () ->
                            rest.checkpoints(job).path("counts").path("restored").asLong() >= 1
                                    && rest.allTasksRunning(job));
            long recoveredMillis = (System.nanoTime() - killed) / 1_000_000;
            // Watermarks are not part of a checkpoint: the restored job rebuilds event time from
            // the records it reads, so the phase's outputs come with the next records, here a
            // second round of clock records.
            topics.produce(traffic.reclocks());
            awaitOutputs(topics, expected, traffic.watermarkAfter(2));
            assertThat(rest.exceptions(job).path("exceptionHistory").path("entries"))
                    .as("the failure is in the job's exception history")
                    .isNotEmpty();

            // Phase 3: stop with a savepoint, resume at parallelism 1.
            String savepoint = rest.stopWithSavepoint(job, savepoints, WAIT);
            String resumed = rest.runJar(jar, args, 1, savepoint);
            await("the resumed job to run", WAIT, () -> rest.allTasksRunning(resumed));
            assertThat(
                            rest.checkpoints(resumed)
                                    .path("latest")
                                    .path("restored")
                                    .path("external_path")
                                    .asText())
                    .as("resumed from the savepoint")
                    .isEqualTo(savepoint);
            feedPhase(topics, traffic, 3);
            awaitOutputs(topics, expected, traffic.watermarkAfter(3));

            // The clients gauge, scraped from the Prometheus endpoints, counts every client once
            // after the rescale moved them all to one instance.
            Map<String, Double> scraped = scrapeClients(cluster);
            assertThat(scraped.values().stream().mapToDouble(Double::doubleValue).sum())
                    .as("clients held, summed over instances: %s", scraped)
                    .isEqualTo(traffic.clientsUpTo(traffic.watermarkAfter(3)));

            rest.stopWithSavepoint(resumed, savepoints, WAIT); // commits the last transactions

            // Exactly once: everything expected, each once, and nothing else.
            List<Output> live = topics.readAll(true);
            List<Output> wanted = expected.upTo(traffic.watermarkAfter(3));
            assertThat(live).as("no output twice").doesNotHaveDuplicates();
            assertThat(live).containsExactlyInAnyOrderElementsOf(wanted);

            // Features carried over the rescale: alerts in phase 3 count the requests their
            // client sent before it (a restarted count would be at most those of phase 3).
            int carriedOver = 0;
            for (Output alert : live) {
                JsonNode a = alert.json();
                if (!alert.topic().equals(DeploymentTopics.ALERTS)
                        || alert.time() <= traffic.watermarkAfter(2)) {
                    continue;
                }
                String client = a.path("client_id").asText();
                long before = traffic.requestsOf(client, traffic.watermarkAfter(2));
                long since = traffic.requestsOf(client, alert.time()) - before;
                if (before > 0) {
                    assertThat(a.path("client_request_count").asLong())
                            .as("request count of %s in a phase-3 alert", client)
                            .isEqualTo(before + since);
                    carriedOver++;
                }
            }
            assertThat(carriedOver).as("phase-3 alerts of clients seen before").isPositive();

            System.out.printf(
                    "failover test: %d records, %d outputs; kill to replacement registered %d ms,"
                            + " kill to restored and running %d ms; whole test %d s%n",
                    traffic.all().size(),
                    live.size(),
                    replacedMillis,
                    recoveredMillis,
                    (System.nanoTime() - started) / 1_000_000_000);
        }
    }

    /**
     * Simulated traffic in which every phase has alerts: the demo population (four users, a
     * distillation attacker and a near-duplicate prober) from the start, and a new pair of
     * attackers at the start of each later phase.
     */
    private static List<ObjectNode> waves() {
        long end = TestLogs.START + PHASES * PHASE_MILLIS;
        List<ObjectNode> records = new ArrayList<>();
        for (int wave = 0; wave < PHASES; wave++) {
            long from = TestLogs.START + wave * PHASE_MILLIS;
            List<TrafficSimulator.SimClient> clients =
                    wave == 0
                            ? TrafficSimulator.demo(42, from, 4).clients()
                            : List.of(
                                    new TrafficSimulator.SimClient(
                                            "harvester-" + (wave + 1),
                                            "contoso",
                                            "198.51.100." + wave,
                                            Profiles.distillation(200)),
                                    new TrafficSimulator.SimClient(
                                            "prober-" + (wave + 1),
                                            "contoso",
                                            "198.51.100." + (100 + wave),
                                            Profiles.nearDuplicateProber(
                                                    330, new java.util.Random(wave))));
            TrafficSimulator sim = new TrafficSimulator(42 + wave, from, clients);
            while (sim.peekTimestamp() < end) {
                records.add(sim.next());
            }
        }
        records.sort(java.util.Comparator.comparingLong(Traffic::time));
        return records;
    }

    private static void feedPhase(DeploymentTopics topics, Traffic traffic, int phase)
            throws Exception {
        topics.produce(traffic.phase(phase));
        topics.awaitConsumed(WAIT);
        topics.produce(traffic.clocks(phase));
    }

    /** Waits until as many outputs up to {@code watermark} are committed as the replay gives. */
    private static void awaitOutputs(DeploymentTopics topics, Outputs expected, long watermark)
            throws Exception {
        List<Output> wanted = expected.upTo(watermark);
        try {
            await(
                    wanted.size() + " committed outputs up to " + watermark,
                    WAIT,
                    () ->
                            topics.readAll(true).stream().filter(o -> o.time() <= watermark).count()
                                    >= wanted.size());
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage()
                            + "\nexpected: "
                            + summary(wanted)
                            + "\ncommitted: "
                            + summary(topics.readAll(true))
                            + "\nwritten (uncommitted too): "
                            + summary(topics.readAll(false)),
                    e);
        }
    }

    private static String summary(List<Output> outputs) {
        return outputs.stream()
                .map(o -> o.topic().charAt(0) + "@" + o.time() + ":" + o.key())
                .sorted()
                .toList()
                .toString();
    }

    /** The {@code clients} gauge of every detection instance, by instance. */
    private static Map<String, Double> scrapeClients(FlinkProcesses cluster) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Double> gauges = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        for (var tm : cluster.prometheusPorts().entrySet()) {
            String text =
                    http.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + tm.getValue()
                                                                    + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            for (String line : text.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                names.add(line.substring(0, Math.max(0, line.indexOf('{'))));
                if (line.startsWith("flink_taskmanager_job_task_operator_clients{")) {
                    gauges.put(
                            tm.getKey() + line.substring(line.indexOf('{'), line.indexOf('}')),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        assertThat(names)
                .as("the job's metrics on the Prometheus endpoints")
                .contains(
                        "flink_taskmanager_job_task_operator_recordsRead",
                        "flink_taskmanager_job_task_operator_recordsAccepted",
                        "flink_taskmanager_job_task_operator_recordsRejected",
                        "flink_taskmanager_job_task_operator_eventTimeLagMillis",
                        "flink_taskmanager_job_task_operator_featureUpdateMicros",
                        "flink_taskmanager_job_task_operator_severity_action_alertsBySeverity",
                        "flink_taskmanager_job_task_operator_action_commandsByAction");
        return gauges;
    }

    /** One alert or throttle-command record: its topic, key, time and JSON (or tombstone). */
    record Output(String topic, String key, long time, String value) {
        JsonNode json() {
            return value.startsWith("{") ? TestLogs.json(value.getBytes()) : Json.object();
        }
    }

    /** The replay's outputs, the live job's expected answers. */
    record Outputs(List<Output> all) {
        static Outputs replay(List<ObjectNode> records, Duration bound, Path rules, Path dir)
                throws Exception {
            Files.createDirectories(dir);
            Path input = dir.resolve("traffic.jsonl");
            TestLogs.write(input, records);
            var config =
                    dev.exdetect.job.config.DetectorConfig.defaults().withMaxOutOfOrderness(bound);
            dev.exdetect.job.replay.Replay.run(
                    new dev.exdetect.job.replay.Replay.Request(
                            dev.exdetect.job.replay.Replay.files(List.of(input)),
                            List.of(input.toString()),
                            dev.exdetect.rules.parse.RulePackParser.parseFile(rules),
                            config,
                            dev.exdetect.job.pipeline.EventTimeRange.ALL,
                            2,
                            dir.resolve("out"),
                            "expected answers",
                            records.size()),
                    new dev.exdetect.job.replay.Progress(
                            new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()),
                            "replay"));
            List<Output> outputs = new ArrayList<>();
            for (JsonNode a : TestLogs.read(dir.resolve("out").resolve("alerts.jsonl"))) {
                outputs.add(
                        new Output(
                                DeploymentTopics.ALERTS,
                                key(a),
                                a.path("detected_at").asLong(),
                                a.toString()));
            }
            for (JsonNode c : TestLogs.read(dir.resolve("out").resolve("throttles.jsonl"))) {
                boolean tombstone = c.path("tombstone").asBoolean(false);
                String key = tombstone ? c.path("key").asText() : key(c);
                outputs.add(
                        new Output(
                                DeploymentTopics.THROTTLES,
                                key,
                                c.path("issued_at").asLong(),
                                tombstone ? DeploymentTopics.TOMBSTONE : c.toString()));
            }
            return new Outputs(outputs);
        }

        private static String key(JsonNode o) {
            return dev.exdetect.job.request.ClientKeys.of(
                    o.path("tenant").isTextual() ? o.path("tenant").asText() : null,
                    o.path("client_id").asText());
        }

        List<Output> upTo(long watermark) {
            return all.stream().filter(o -> o.time() <= watermark).toList();
        }

        List<Output> between(long after, long upTo) {
            return all.stream().filter(o -> o.time() > after && o.time() <= upTo).toList();
        }
    }

    /**
     * The test traffic: simulated requests cut into phases by event time, and the clock records
     * that move event time past each phase.
     */
    record Traffic(
            List<List<ObjectNode>> phases,
            List<List<ObjectNode>> clocks,
            List<ObjectNode> reclocks,
            long start,
            long phaseMillis) {
        static Traffic of(List<ObjectNode> records, long phaseMillis, Duration bound) {
            long start = TestLogs.START;
            List<List<ObjectNode>> phases = new ArrayList<>();
            List<List<ObjectNode>> clocks = new ArrayList<>();
            for (int p = 1; p <= PHASES; p++) {
                long from = start + (p - 1) * phaseMillis;
                long to = start + p * phaseMillis;
                phases.add(records.stream().filter(r -> time(r) >= from && time(r) < to).toList());
                List<ObjectNode> tick = new ArrayList<>();
                for (int partition = 0;
                        partition < DeploymentTopics.REQUEST_PARTITIONS;
                        partition++) {
                    ObjectNode r = Json.object();
                    long t = to + bound.toMillis();
                    r.put("request_id", "clock-" + p + "-" + partition);
                    r.put("timestamp", t);
                    r.put("client_id", "clock-" + partition);
                    r.putObject("input").put("text", "clock");
                    r.put("partition", partition); // read by the producer, ignored by the job
                    tick.add(r);
                }
                clocks.add(tick);
            }
            List<ObjectNode> reclocks = new ArrayList<>();
            for (ObjectNode clock : clocks.get(1)) {
                reclocks.add(
                        clock.deepCopy()
                                .put("request_id", clock.path("request_id").asText() + "-again"));
            }
            return new Traffic(phases, clocks, reclocks, start, phaseMillis);
        }

        static long time(ObjectNode r) {
            return r.path("timestamp").asLong();
        }

        List<ObjectNode> phase(int p) {
            return phases.get(p - 1);
        }

        List<ObjectNode> clocks(int p) {
            return clocks.get(p - 1);
        }

        /** The watermark after phase {@code p}'s clock records: just before the next phase. */
        long watermarkAfter(int p) {
            return start + p * phaseMillis - 1;
        }

        List<ObjectNode> all() {
            List<ObjectNode> all = new ArrayList<>();
            for (int p = 1; p <= PHASES; p++) {
                all.addAll(phase(p));
                all.addAll(clocks(p));
                if (p == 2) {
                    all.addAll(reclocks);
                }
            }
            return all;
        }

        double clientsUpTo(long watermark) {
            Set<String> clients = new HashSet<>();
            for (ObjectNode r : all()) {
                if (time(r) <= watermark) {
                    clients.add(r.path("client_id").asText());
                }
            }
            return clients.size();
        }

        /** Requests of {@code client} up to event time {@code t}. */
        long requestsOf(String client, long t) {
            return all().stream()
                    .filter(r -> r.path("client_id").asText().equals(client) && time(r) <= t)
                    .count();
        }
    }
}
