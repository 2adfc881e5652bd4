package dev.exdetect.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.simulation.TrafficSimulator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a {@link TrafficSimulator} into the requests topic in real time (each record is sent when
 * the wall clock reaches its timestamp), the way API gateways would ship their logs.
 */
public final class SimulatorFeed implements Runnable {
    private final TrafficSimulator simulator;
    private final String bootstrapServers;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();

    /** A feed of {@code simulator} into {@code topic}. */
    public SimulatorFeed(TrafficSimulator simulator, String bootstrapServers, String topic) {
        this.simulator = simulator;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    public void run() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            while (running.get()) {
                long wait = simulator.peekTimestamp() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, 200));
                    continue;
                }
                ObjectNode request = simulator.next();
                producer.send(
                        new ProducerRecord<>(
                                topic, request.path("client_id").asText(), Json.bytes(request)));
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records sent so far. */
    public long sent() {
        return sent.get();
    }

    /** Stops the feed. */
    public void stop() {
        running.set(false);
    }
}
