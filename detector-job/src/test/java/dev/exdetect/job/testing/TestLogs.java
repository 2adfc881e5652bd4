package dev.exdetect.job.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.simulation.TrafficSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Request logs for tests: simulated traffic with known attackers, and helpers to read outputs. */
public final class TestLogs {
    /** Event time at which simulated logs start. */
    public static final long START = Instant.parse("2026-11-02T10:00:00Z").toEpochMilli();

    /** The attackers of {@link TrafficSimulator#demo}; every other client is benign. */
    public static final List<String> ATTACKERS = List.of("harvester-1", "prober-1");

    private TestLogs() {}

    /** {@code minutes} of the demo population (6 benign users, 2 attackers), as JSON documents. */
    public static List<ObjectNode> simulated(int minutes, long seed) {
        TrafficSimulator sim = TrafficSimulator.demo(seed, START, 6);
        List<ObjectNode> records = new ArrayList<>();
        long end = START + minutes * 60_000L;
        while (sim.peekTimestamp() < end) {
            records.add(sim.next());
        }
        return records;
    }

    /** The records as raw records with origins {@code test:N}. */
    public static List<RawRecord> raw(List<ObjectNode> records) {
        List<RawRecord> raw = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            raw.add(new RawRecord(Json.bytes(records.get(i)), "test:" + (i + 1)));
        }
        return raw;
    }

    /** Writes records as a JSON-lines file. */
    public static void write(Path file, List<ObjectNode> records) throws IOException {
        List<String> lines = new ArrayList<>();
        records.forEach(r -> lines.add(r.toString()));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Reads a JSON-lines file into JSON nodes. */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(Json.MAPPER.readTree(line));
        }
        return nodes;
    }

    /** Parses UTF-8 JSON bytes. */
    public static JsonNode json(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
