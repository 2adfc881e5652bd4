package dev.exdetect.samples.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates request-log records (CONTRACT.md section 1) for a population of simulated clients, in
 * event-time order. Deterministic: the same seed, start time and clients give the same records,
 * whether they are written to a file at full speed or produced to Kafka in real time.
 */
public final class TrafficSimulator {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One simulated client.
     *
     * @param clientId API key / account
     * @param tenant organisation, or null
     * @param sourceIp caller address
     * @param profile behaviour
     */
    public record SimClient(
            String clientId, String tenant, String sourceIp, ClientProfile profile) {}

    private final List<SimClient> clients;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final Random[] randoms;
    private final long[] counters;

    private record Pending(long timestamp, int client) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(timestamp, o.timestamp);
            return c != 0 ? c : Integer.compare(client, o.client);
        }
    }

    /** A simulation of {@code clients} starting at {@code startMillis}. */
    public TrafficSimulator(long seed, long startMillis, List<SimClient> clients) {
        this.clients = List.copyOf(clients);
        this.randoms = new Random[clients.size()];
        this.counters = new long[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            randoms[i] = new Random(seed * 1_000_003L + i);
            // Stagger the first requests so clients do not all start in the same millisecond.
            queue.add(new Pending(startMillis + randoms[i].nextInt(5_000), i));
        }
    }

    /**
     * The demo population: {@code benign} interactive users, one distillation attacker (about 5
     * requests/s) and one near-duplicate prober (about 3 requests/s).
     */
    public static TrafficSimulator demo(long seed, long startMillis, int benign) {
        Random setup = new Random(seed);
        List<SimClient> clients = new ArrayList<>();
        for (int i = 0; i < benign; i++) {
            clients.add(
                    new SimClient(
                            String.format("user-%03d", i),
                            "acme",
                            "203.0.113." + (10 + i),
                            Profiles.interactiveUser(setup)));
        }
        clients.add(
                new SimClient(
                        "harvester-1", "contoso", "198.51.100.7", Profiles.distillation(200)));
        clients.add(
                new SimClient(
                        "prober-1",
                        "contoso",
                        "198.51.100.66",
                        Profiles.nearDuplicateProber(330, setup)));
        return new TrafficSimulator(seed, startMillis, clients);
    }

    /** Event time of the next record, without generating it. */
    public long peekTimestamp() {
        return queue.peek().timestamp();
    }

    /** The next record in event-time order (the simulation never ends). */
    public ObjectNode next() {
        Pending p = queue.poll();
        SimClient c = clients.get(p.client());
        Random random = randoms[p.client()];
        ObjectNode request = MAPPER.createObjectNode();
        request.put("request_id", c.clientId() + "-" + (++counters[p.client()]));
        request.put("timestamp", p.timestamp());
        request.put("client_id", c.clientId());
        if (c.tenant() != null) {
            request.put("tenant", c.tenant());
        }
        request.put("source_ip", c.sourceIp());
        c.profile().fill(request, random);
        queue.add(new Pending(p.timestamp() + c.profile().nextDelayMillis(random), p.client()));
        return request;
    }

    /** The clients, with their roles, for a ground-truth file. */
    public List<SimClient> clients() {
        return clients;
    }
}
