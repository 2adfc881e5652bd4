package dev.exdetect.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exdetect.gateway.ReferenceGateway;
import dev.exdetect.gateway.ThrottleCommand;
import dev.exdetect.job.launch.KafkaOptions;
import dev.exdetect.job.output.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Tells a test that drives traffic through the gateway faster than real time when the detector and
 * the gateway have caught up with it, from what Kafka and the gateway show, so that the test waits
 * for events rather than for wall-clock time:
 *
 * <ol>
 *   <li>the gateway has logged every request sent (Kafka acknowledged them);
 *   <li>the detector has read them all before a checkpoint that completed, twice: the test appends
 *       a probe to every partition of the requests topic, a record that is not JSON, which the
 *       detector refuses to its dead-letter topic with the probe's text; a probe's rejection is
 *       visible to a {@code read_committed} consumer once the checkpoint after it completed, and
 *       the records before it in its partition were read before that checkpoint. A request is
 *       judged once the watermark passes it, which the periodic watermark does some hundred
 *       milliseconds after the requests that move it were read; the second round's checkpoint comes
 *       a checkpoint interval later, so it commits those judgements too;
 *   <li>the gateway holds every command the detector has committed to the throttle topic (read here
 *       as the gateway reads it: from the beginning, committed records only), or a newer one,
 *       unless the command has lapsed by the gateway's clock.
 * </ol>
 *
 * <p>So when {@link #await} returns, the gateway holds the commands for every request sent except
 * those of the last few seconds of event time (the out-of-orderness bound), which the watermark has
 * not passed yet. Probes are refused records like any malformed input: they change no client's
 * state. Every wait is bounded and fails the test with what it waited for.
 */
final class DetectorCatchUp implements AutoCloseable {
    private static final String PROBE = "catch-up probe ";

    private final ReferenceGateway gateway;
    private final Clock gatewayClock;
    private final String requestsTopic;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> probes;
    private final List<Integer> requestPartitions;
    private final KafkaConsumer<String, byte[]> rejected;
    private final Set<String> probesRejected = new HashSet<>();
    private final KafkaConsumer<String, byte[]> throttles;
    private final List<TopicPartition> throttlePartitions;
    private final Map<String, byte[]> latestCommand = new HashMap<>();
    private int round;

    DetectorCatchUp(
            String bootstrap,
            KafkaOptions topics,
            ReferenceGateway gateway,
            Clock gatewayClock,
            Duration timeout) {
        this.gateway = gateway;
        this.gatewayClock = gatewayClock;
        this.requestsTopic = topics.requestsTopic;
        this.timeout = timeout;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        this.probes = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.requestPartitions =
                probes.partitionsFor(requestsTopic).stream().map(i -> i.partition()).toList();
        this.rejected = committedReader(bootstrap);
        fromBeginning(rejected, topics.rejectedTopic);
        this.throttles = committedReader(bootstrap);
        this.throttlePartitions = fromBeginning(throttles, topics.throttleTopic);
    }

    /** Waits until the detector and the gateway have caught up with {@code sent} requests. */
    void await(long sent) throws Exception {
        waitFor(
                "the gateway to log all " + sent + " requests",
                () -> gateway.stats().logged.get() + gateway.stats().logFailures.get() >= sent);
        if (gateway.stats().logFailures.get() > 0) {
            throw new AssertionError(
                    gateway.stats().logFailures.get() + " requests could not be logged");
        }
        probeCheckpoint();
        probeCheckpoint();
        readCommittedCommands();
        waitFor(
                "the gateway to hold the detector's commands for " + latestCommand.keySet(),
                this::gatewayHoldsCommittedCommands);
    }

    /** Appends a probe to every requests partition; waits until their rejections are committed. */
    private void probeCheckpoint() throws Exception {
        round++;
        Set<String> expected = new HashSet<>();
        for (int partition : requestPartitions) {
            String text = PROBE + round + " on partition " + partition;
            expected.add(text);
            probes.send(
                            new ProducerRecord<>(
                                    requestsTopic,
                                    partition,
                                    "catch-up",
                                    text.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        waitFor(
                "the detector to commit its rejection of " + expected,
                () -> {
                    for (ConsumerRecord<String, byte[]> r : rejected.poll(Duration.ofMillis(50))) {
                        String raw = rawOf(r.value());
                        if (raw.startsWith(PROBE)) {
                            probesRejected.add(raw);
                        }
                    }
                    return probesRejected.containsAll(expected);
                });
    }

    private static String rawOf(byte[] deadLetter) {
        try {
            JsonNode n = Json.MAPPER.readTree(deadLetter);
            return n.path("raw").asText("");
        } catch (IOException e) {
            throw new AssertionError("the dead-letter topic holds a record that is not JSON", e);
        }
    }

    /** Reads the throttle topic's committed records to its end, keeping the latest per key. */
    private void readCommittedCommands() throws Exception {
        // With read_committed, the end offsets are the last stable offsets.
        Map<TopicPartition, Long> end = throttles.endOffsets(throttlePartitions);
        waitFor(
                "the throttle topic to be read to " + end,
                () -> {
                    for (ConsumerRecord<String, byte[]> r : throttles.poll(Duration.ofMillis(50))) {
                        latestCommand.put(r.key(), r.value());
                    }
                    return end.entrySet().stream()
                            .allMatch(e -> throttles.position(e.getKey()) >= e.getValue());
                });
    }

    private boolean gatewayHoldsCommittedCommands() {
        for (Map.Entry<String, byte[]> e : latestCommand.entrySet()) {
            if (e.getValue() == null) {
                continue; // a lift: what it lifts has lapsed by itself
            }
            ThrottleCommand committed;
            try {
                committed = ThrottleCommand.parse(e.getKey(), e.getValue());
            } catch (ThrottleCommand.InvalidCommandException ex) {
                throw new AssertionError("the detector wrote an invalid command", ex);
            }
            boolean held =
                    gateway.enforcement()
                            .held(e.getKey())
                            .filter(h -> h.version() >= committed.version())
                            .isPresent();
            if (!held && committed.activeAt(gatewayClock.millis())) {
                return false;
            }
        }
        return true;
    }

    private static KafkaConsumer<String, byte[]> committedReader(String bootstrap) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> fromBeginning(
            KafkaConsumer<String, byte[]> consumer, String topic) {
        List<TopicPartition> partitions =
                consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(i -> new TopicPartition(i.topic(), i.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    /** Polls {@code condition} until it holds; fails after the timeout, naming what it awaited. */
    private void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        probes.close();
        rejected.close();
        throttles.close();
    }
}
