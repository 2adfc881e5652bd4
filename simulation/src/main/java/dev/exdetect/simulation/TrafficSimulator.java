package dev.exdetect.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.network.AddressPlan;
import dev.exdetect.simulation.profile.ClientProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Generates request-log records (CONTRACT.md section 1) for a population of simulated clients, in
 * event-time order. Deterministic: the same seed, start time and clients give the same records,
 * whether they are written to a file at full speed or produced to Kafka in real time.
 *
 * <p>A client stops when its active period ends or when it has spent its query budget; the demo
 * population never stops. A client can be the successor of another (an account of a hydra chain):
 * it starts only once its predecessor has stopped. The simulator counts, per client, the requests
 * and the attack queries it sent, for the ground truth.
 */
public final class TrafficSimulator {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * One simulated client.
     *
     * @param clientId API key / account
     * @param tenant organisation, or null
     * @param sourceIp caller address
     * @param userAgent caller's user agent, or null
     * @param profile behaviour
     * @param startOffsetMillis when it becomes active, after the simulation start
     * @param endOffsetMillis when it stops (its last request is before), after the simulation start
     * @param campaign the Sybil campaign or hydra chain it belongs to, or null
     * @param archetype the world cohort's archetype it was made from (ground truth), or null for
     *     the seed benchmark's and the audit's clients
     * @param addresses how its address changes over time, or null to keep {@code sourceIp}
     * @param after index of the client it succeeds, or -1: a successor's {@code startOffsetMillis}
     *     counts from its predecessor's last request
     */
    public record SimClient(
            String clientId,
            String tenant,
            String sourceIp,
            String userAgent,
            ClientProfile profile,
            long startOffsetMillis,
            long endOffsetMillis,
            String campaign,
            String archetype,
            AddressPlan addresses,
            int after) {

        /** A client with one address and no predecessor. */
        public SimClient(
                String clientId,
                String tenant,
                String sourceIp,
                String userAgent,
                ClientProfile profile,
                long startOffsetMillis,
                long endOffsetMillis,
                String campaign) {
            this(
                    clientId,
                    tenant,
                    sourceIp,
                    userAgent,
                    profile,
                    startOffsetMillis,
                    endOffsetMillis,
                    campaign,
                    null,
                    null,
                    -1);
        }

        /** A client active for the whole simulation, as in the demo. */
        public SimClient(String clientId, String tenant, String sourceIp, ClientProfile profile) {
            this(clientId, tenant, sourceIp, null, profile, 0, Long.MAX_VALUE, null);
        }
    }

    private final List<SimClient> clients;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final Random[] randoms;
    private final long[] requests;
    private final long[] attackQueries;
    private final long[] endMillis;
    private final List<List<Integer>> successors = new ArrayList<>();
    private int lastClient = -1;
    private boolean lastWasAttack;

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
        int n = clients.size();
        this.randoms = new Random[n];
        this.requests = new long[n];
        this.attackQueries = new long[n];
        this.endMillis = new long[n];
        for (int i = 0; i < n; i++) {
            successors.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            SimClient c = clients.get(i);
            randoms[i] = new Random(seed * 1_000_003L + i);
            endMillis[i] = saturatedAdd(startMillis, c.endOffsetMillis());
            if (c.after() >= 0) {
                if (c.after() >= i) {
                    throw new IllegalArgumentException(
                            c.clientId() + " must come after the client it succeeds");
                }
                successors.get(c.after()).add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (clients.get(i).after() < 0) {
                start(i, startMillis);
            }
        }
    }

    /**
     * Schedules client {@code i}'s first request at {@code fromMillis} plus its start offset; a
     * client that cannot send at all counts as stopped there.
     */
    private void start(int i, long fromMillis) {
        SimClient c = clients.get(i);
        // Stagger the first requests so clients do not all start in the same millisecond.
        long first = fromMillis + c.startOffsetMillis() + randoms[i].nextInt(5_000);
        if (first < endMillis[i] && c.profile().budget() != 0) {
            queue.add(new Pending(first, i));
        } else {
            stopped(i, first);
        }
    }

    /** Client {@code i} has sent its last request at {@code atMillis}: its successors start. */
    private void stopped(int i, long atMillis) {
        for (int s : successors.get(i)) {
            start(s, atMillis);
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

    /** Whether any client will send another request. */
    public boolean hasNext() {
        return !queue.isEmpty();
    }

    /** Event time of the next record, without generating it; Long.MAX_VALUE when none is left. */
    public long peekTimestamp() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().timestamp();
    }

    /** The next record in event-time order. */
    public ObjectNode next() {
        Pending p = queue.poll();
        if (p == null) {
            throw new NoSuchElementException("every simulated client has stopped");
        }
        int i = p.client();
        SimClient c = clients.get(i);
        Random random = randoms[i];
        ObjectNode request = MAPPER.createObjectNode();
        request.put("request_id", c.clientId() + "-" + (++requests[i]));
        request.put("timestamp", p.timestamp());
        request.put("client_id", c.clientId());
        if (c.tenant() != null) {
            request.put("tenant", c.tenant());
        }
        request.put(
                "source_ip",
                c.addresses() == null ? c.sourceIp() : c.addresses().addressAt(p.timestamp()));
        if (c.userAgent() != null) {
            request.put("user_agent", c.userAgent());
        }
        ClientProfile profile = c.profile();
        profile.fill(request, random);
        lastClient = i;
        lastWasAttack = profile.lastWasAttack();
        if (lastWasAttack) {
            attackQueries[i]++;
        }
        boolean budgetSpent =
                profile.budget() != ClientProfile.UNLIMITED && attackQueries[i] >= profile.budget();
        long nextAt = p.timestamp() + profile.nextDelayMillis(p.timestamp(), random);
        if (!budgetSpent && nextAt < endMillis[i]) {
            queue.add(new Pending(nextAt, i));
        } else {
            stopped(i, p.timestamp());
        }
        return request;
    }

    /** The clients, with their roles, for a ground-truth file. */
    public List<SimClient> clients() {
        return clients;
    }

    /** Index in {@link #clients()} of the client that sent the record {@link #next()} returned. */
    public int lastClient() {
        return lastClient;
    }

    /** Whether the record {@link #next()} returned last is an attack query. */
    public boolean lastWasAttack() {
        return lastWasAttack;
    }

    /** Requests client {@code index} has sent so far. */
    public long requestsSent(int index) {
        return requests[index];
    }

    /** Attack queries client {@code index} has sent so far. */
    public long attackQueriesSent(int index) {
        return attackQueries[index];
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
