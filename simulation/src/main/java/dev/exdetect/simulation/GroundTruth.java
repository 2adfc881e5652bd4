package dev.exdetect.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.simulation.TrafficSimulator.SimClient;
import dev.exdetect.simulation.profile.ClientProfile;
import dev.exdetect.simulation.profile.SimProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ground-truth file of a simulation: one JSON document ({@code exdetect.ground-truth.v1},
 * documented in docs/DETECTION.md) listing every client with its role, family, query budget and
 * campaign, and what it actually sent; world clients also carry their archetype, how many addresses
 * they used when their address changes, and the account they follow in a hydra chain. One document
 * rather than JSON lines, so that it can sit in a folder of logs without being replayed as one.
 */
public final class GroundTruth {
    /** The {@code schema} of each line. */
    public static final String SCHEMA = "exdetect.ground-truth.v1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GroundTruth() {}

    /** One object per client of {@code sim}, with what it has sent so far. */
    public static List<ObjectNode> records(TrafficSimulator sim) {
        List<SimClient> clients = sim.clients();
        Map<String, Long> campaignBudgets = new HashMap<>();
        for (SimClient c : clients) {
            if (c.campaign() != null) {
                campaignBudgets.merge(c.campaign(), c.profile().budget(), Long::sum);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            SimClient c = clients.get(i);
            ClientProfile p = c.profile();
            ObjectNode n = MAPPER.createObjectNode();
            n.put("client_id", c.clientId());
            n.put("tenant", c.tenant());
            n.put("role", p.role());
            n.put("family", p.family());
            if (c.archetype() != null) {
                // World clients only: the seed benchmark's files stay as they were.
                n.put("archetype", c.archetype());
            }
            n.put("api", isVector(p) ? "vector" : "chat");
            if (p.budget() == ClientProfile.UNLIMITED) {
                n.putNull("budget");
            } else {
                n.put("budget", p.budget());
            }
            n.put("campaign", c.campaign());
            if (c.campaign() != null) {
                n.put("campaign_budget", campaignBudgets.get(c.campaign()));
            }
            n.put("source_ip", c.sourceIp());
            if (c.addresses() != null) {
                n.put("addresses", c.addresses().distinct());
            }
            if (c.after() >= 0) {
                n.put("follows", clients.get(c.after()).clientId());
            }
            n.put("user_agent", c.userAgent());
            n.put("requests", sim.requestsSent(i));
            n.put("attack_queries", sim.attackQueriesSent(i));
            out.add(n);
        }
        return out;
    }

    /** Writes {@code {"schema": ..., "clients": [records]}} to {@code file}, one client a line. */
    public static void write(TrafficSimulator sim, Path file) throws IOException {
        StringBuilder doc = new StringBuilder("{\"schema\":\"" + SCHEMA + "\",\"clients\":[\n");
        List<ObjectNode> clients = records(sim);
        for (int i = 0; i < clients.size(); i++) {
            doc.append(MAPPER.writeValueAsString(clients.get(i)))
                    .append(i < clients.size() - 1 ? ",\n" : "\n");
        }
        doc.append("]}\n");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, doc, StandardCharsets.UTF_8);
    }

    /** The client objects of a ground-truth file. */
    public static List<ObjectNode> read(Path file) throws IOException {
        var doc = MAPPER.readTree(file.toFile());
        if (!SCHEMA.equals(doc.path("schema").asText())) {
            throw new IllegalArgumentException(file + " is not an " + SCHEMA + " document");
        }
        List<ObjectNode> out = new ArrayList<>();
        doc.path("clients").forEach(c -> out.add((ObjectNode) c));
        return out;
    }

    private static boolean isVector(ClientProfile p) {
        return p instanceof SimProfile s && s.familyEnum().isVector();
    }
}
