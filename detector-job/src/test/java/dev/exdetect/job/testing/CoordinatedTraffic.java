package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Traffic for linkage tests: a Sybil campaign (15 accounts on one /24, near-identical user agents,
 * one unusual parameter set, distinct prompts, each account well below per-client limits) among
 * populations that share things innocently: colleagues behind one NAT with one browser, free users
 * with popular parameters and a popular question, and template apps sharing one template.
 */
public final class CoordinatedTraffic {
    /** The campaign's accounts. */
    public static final int SYBILS = 15;

    private static final String[] WORDS = {
        "river",
        "engine",
        "history",
        "planet",
        "garden",
        "market",
        "signal",
        "theory",
        "castle",
        "harbor",
        "forest",
        "circuit",
        "language",
        "protein",
        "glacier",
        "festival",
        "algebra",
        "volcano",
        "library",
        "orchestra",
        "satellite",
        "vaccine",
        "desert",
        "bridge",
        "compiler",
        "poetry",
        "economy",
        "insect"
    };

    private final Random random;
    private final List<ObjectNode> records = new ArrayList<>();

    private CoordinatedTraffic(long seed) {
        this.random = new Random(seed);
    }

    /** Three hours of the mixed population, in event-time order. */
    public static List<ObjectNode> threeHours(long seed) {
        CoordinatedTraffic t = new CoordinatedTraffic(seed);
        long hours3 = 3 * 3_600_000L;
        for (int k = 0; k < SYBILS; k++) {
            t.sybil(k, hours3);
        }
        for (int k = 0; k < 15; k++) {
            t.colleague(k, hours3);
        }
        for (int k = 0; k < 20; k++) {
            t.freeUser(k, hours3);
        }
        for (int k = 0; k < 4; k++) {
            t.templateApp(k, hours3);
        }
        t.records.sort(
                Comparator.comparingLong((ObjectNode r) -> r.path("timestamp").asLong())
                        .thenComparing(r -> r.path("request_id").asText()));
        return t.records;
    }

    /** True for the campaign's accounts. */
    public static boolean isSybil(String clientId) {
        return clientId.startsWith("acct-");
    }

    private void sybil(int k, long span) {
        long t = TestLogs.START + random.nextInt(30 * 60_000);
        long end = t + 2 * 3_600_000L;
        int n = 0;
        while (t < end && t < TestLogs.START + span) {
            ObjectNode r =
                    request(
                            "acct-" + (100 + k),
                            null,
                            "198.51.77." + (10 + k),
                            "python-httpx/0.27." + (k % 3),
                            t,
                            n++);
            r.putObject("input")
                    .put(
                            "text",
                            "Write a detailed tutorial about "
                                    + sentence(9)
                                    + " for advanced readers.");
            params(r, 0.8, 1500).put("top_p", 0.95);
            records.add(r);
            t += 14_000 + random.nextInt(12_000);
        }
    }

    private void colleague(int k, long span) {
        long t = TestLogs.START + random.nextInt(40 * 60_000);
        int n = 0;
        while (t < TestLogs.START + span) {
            int session = 3 + random.nextInt(6);
            for (int i = 0; i < session; i++) {
                ObjectNode r =
                        request(
                                "emp-" + k,
                                "acme",
                                "203.0.113." + (10 + k),
                                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0",
                                t,
                                n++);
                r.putObject("input").put("text", "how do I " + sentence(5) + "?");
                params(r, 0.7, 512);
                records.add(r);
                t += 10_000 + random.nextInt(50_000);
            }
            t += 30 * 60_000 + random.nextInt(30 * 60_000);
        }
    }

    private void freeUser(int k, long span) {
        long t = TestLogs.START + random.nextInt(60 * 60_000);
        int n = 0;
        String ip =
                (11 + random.nextInt(200))
                        + "."
                        + random.nextInt(256)
                        + "."
                        + random.nextInt(256)
                        + ".7";
        while (t < TestLogs.START + span) {
            ObjectNode r =
                    request(
                            "free-" + k,
                            null,
                            ip,
                            "Mozilla/5.0 (Macintosh) Safari/605.1.15",
                            t,
                            n++);
            r.putObject("input")
                    .put(
                            "text",
                            random.nextInt(4) == 0
                                    ? "What is the capital of France?"
                                    : "tell me about " + sentence(4));
            params(r, 0.7, 512);
            records.add(r);
            t += 60_000 + random.nextInt(20 * 60_000);
        }
    }

    private void templateApp(int k, long span) {
        long t = TestLogs.START + random.nextInt(5 * 60_000);
        int n = 0;
        String ip =
                (11 + random.nextInt(200))
                        + "."
                        + random.nextInt(256)
                        + "."
                        + random.nextInt(256)
                        + ".20";
        while (t < TestLogs.START + span) {
            ObjectNode r = request("app-" + k, "tenant-" + k, ip, "OpenAI/Python 1.54.3", t, n++);
            r.putObject("input")
                    .put(
                            "text",
                            "You are the support assistant of an online shop. Answer the customer's"
                                    + " message politely and briefly. Customer message: "
                                    + sentence(6));
            params(r, 0.2, 400);
            records.add(r);
            // Customers arrive at random (Poisson, a message every 15 s on average). A steady
            // pace would be a script: the per-client rule scripted-template-calls throttles that.
            t += 1 + (long) (-Math.log(1 - random.nextDouble()) * 15_000);
        }
    }

    private ObjectNode request(String client, String tenant, String ip, String ua, long t, int n) {
        ObjectNode r = Json.object();
        r.put("request_id", client + "-" + n);
        r.put("timestamp", t);
        r.put("client_id", client);
        if (tenant != null) {
            r.put("tenant", tenant);
        }
        r.put("source_ip", ip);
        r.put("user_agent", ua);
        return r;
    }

    private static ObjectNode params(ObjectNode r, double temperature, int maxTokens) {
        ObjectNode p = r.putObject("params");
        p.put("temperature", temperature);
        p.put("max_tokens", maxTokens);
        return p;
    }

    private String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }
}
