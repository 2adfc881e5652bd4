package dev.exdetect.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Keeps an {@link EnforcementTable} in step with the compacted throttle topic. Every gateway
 * instance reads every partition from the beginning (no consumer group), with {@code
 * read_committed} so it sees only the detector's committed transactions, and so knows the current
 * command of every client after a start or restart. {@link #start} returns once everything that was
 * on the topic at start has been read.
 */
public final class ThrottleSubscriber implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ThrottleSubscriber.class.getName());

    private final Properties consumerProperties;
    private final String topic;
    private final EnforcementTable table;
    private final GatewayStats stats;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * A subscriber of {@code topic}.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param extra extra consumer properties (security settings, say)
     */
    public ThrottleSubscriber(
            String bootstrapServers,
            Map<String, String> extra,
            String topic,
            EnforcementTable table,
            GatewayStats stats) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // A missing topic is an error to report, not one to create (it must be compacted).
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "exdetect-gateway-throttle");
        p.putAll(extra);
        this.consumerProperties = p;
        this.topic = topic;
        this.table = table;
        this.stats = stats;
    }

    /**
     * Starts reading and waits until the topic's content at start has been applied.
     *
     * @throws TimeoutException when that takes longer than {@code timeout}
     * @throws IllegalStateException when the topic does not exist or cannot be read
     */
    public void start(Duration timeout) throws TimeoutException, InterruptedException {
        thread = new Thread(this::run, "throttle-subscriber");
        thread.setDaemon(true);
        thread.start();
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            close();
            throw new TimeoutException(
                    "could not read throttle topic '" + topic + "' within " + timeout);
        }
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> c =
                new KafkaConsumer<>(
                        consumerProperties,
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return;
            }
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                caughtUp.completeExceptionally(
                        new IllegalStateException("throttle topic '" + topic + "' does not exist"));
                return;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                if (!caughtUp.isDone() && reached(c, end)) {
                    caughtUp.complete(null);
                }
            }
        } catch (WakeupException e) {
            // close() was called: stop quietly.
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "throttle subscriber stopped", e);
            caughtUp.completeExceptionally(e);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            stats.commandsInvalid.incrementAndGet();
            LOG.warning("throttle record without key at " + origin(r) + ": ignored");
            return;
        }
        if (r.value() == null) {
            if (table.lift(r.key())) {
                stats.lifts.incrementAndGet();
            }
            return;
        }
        try {
            switch (table.apply(ThrottleCommand.parse(r.key(), r.value()))) {
                case APPLIED -> stats.commandsApplied.incrementAndGet();
                case STALE, DUPLICATE -> stats.commandsStale.incrementAndGet();
            }
        } catch (ThrottleCommand.InvalidCommandException e) {
            stats.commandsInvalid.incrementAndGet();
            LOG.warning(
                    "throttle record at "
                            + origin(r)
                            + " ignored: "
                            + e.getMessage()
                            + ": "
                            + new String(r.value(), StandardCharsets.UTF_8));
        }
    }

    private static String origin(ConsumerRecord<?, ?> r) {
        return r.topic() + "/" + r.partition() + "@" + r.offset();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }
}
