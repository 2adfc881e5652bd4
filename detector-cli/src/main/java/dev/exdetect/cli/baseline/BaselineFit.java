package dev.exdetect.cli.baseline;

import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.features.engine.ClientFeatureState;
import dev.exdetect.features.engine.FeatureEngine;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.pipeline.ObserveQueries;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.request.ParseResult;
import dev.exdetect.job.request.RequestParser;
import dev.exdetect.job.request.RequestRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Fits a {@link PopulationBaseline} from request logs of normal traffic: every client's feature
 * vector after its last request, computed with the job's own query analysis and feature engine.
 *
 * <p>It runs in one thread without Flink: the baseline is an offline input like a rule file, and a
 * fit over a day of logs is a batch job. It keeps one feature state per client (about 15 KB), so
 * memory grows with the number of clients, not requests. Requests are folded in file order; the job
 * orders each client's requests by event time first, so logs should be written in time order (as
 * gateways and {@code simulate} write them) for the two to see the same sequence.
 */
public final class BaselineFit {
    private final DetectorConfig config;
    private final Set<String> excludedClients;
    private final int minRequests;

    /**
     * A fit with the job's settings {@code config}, leaving out the clients (keys {@code
     * tenant:client_id}) in {@code excludedClients} and clients with fewer than {@code minRequests}
     * requests, whose features are mostly undefined or noisy.
     */
    public BaselineFit(DetectorConfig config, Set<String> excludedClients, int minRequests) {
        this.config = config;
        this.excludedClients = Set.copyOf(excludedClients);
        this.minRequests = minRequests;
    }

    /**
     * What a fit did: the baseline, and counts that reconcile: {@code records = accepted +
     * rejected}; {@code clients = used + excluded + tooFew}.
     */
    public record Result(
            PopulationBaseline baseline,
            long records,
            long accepted,
            long rejected,
            int clients,
            int used,
            int excluded,
            int tooFew) {}

    /** Reads the log files in order and fits the baseline. */
    public Result fit(List<Path> files, Progress progress) throws IOException {
        RequestParser parser = new RequestParser(config.maxRecordBytes(), config.maxTextChars());
        FeatureEngine engine = new FeatureEngine(config.features());
        // Sorted by client key so the fitted quantiles do not depend on hash order.
        Map<String, ClientFeatureState> states = new TreeMap<>();
        Map<String, FeatureVector> last = new TreeMap<>();
        long records = 0;
        long rejected = 0;
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features())) {
            for (Path file : files) {
                try (BufferedReader in = open(file)) {
                    long lineNo = 0;
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        records++;
                        ParseResult r =
                                parser.parse(
                                        line.getBytes(StandardCharsets.UTF_8),
                                        file.getFileName() + ":" + lineNo);
                        if (!r.isAccepted()) {
                            rejected++;
                            continue;
                        }
                        RequestRecord req = r.record();
                        String key = ClientKeys.of(req.tenant, req.clientId);
                        ClientFeatureState state =
                                states.computeIfAbsent(key, k -> engine.newState());
                        last.put(
                                key,
                                engine.update(
                                        state,
                                        analyzer.observe(
                                                req.timestampMillis,
                                                ObserveQueries.queryInput(req))));
                        long read = records;
                        progress.maybe(
                                () ->
                                        String.format(
                                                "%,d records, %,d clients", read, states.size()));
                    }
                }
            }
        }
        List<FeatureVector> population = new ArrayList<>();
        int excluded = 0;
        int tooFew = 0;
        for (Map.Entry<String, FeatureVector> e : last.entrySet()) {
            if (excludedClients.contains(e.getKey())) {
                excluded++;
            } else if (states.get(e.getKey()).requestCount < minRequests) {
                tooFew++;
            } else {
                population.add(e.getValue());
            }
        }
        if (population.isEmpty()) {
            throw new IllegalArgumentException(
                    "no client left to fit a baseline from: "
                            + last.size()
                            + " clients, "
                            + excluded
                            + " excluded, "
                            + tooFew
                            + " with fewer than "
                            + minRequests
                            + " requests");
        }
        return new Result(
                PopulationBaseline.fit(population),
                records,
                records - rejected,
                rejected,
                last.size(),
                population.size(),
                excluded,
                tooFew);
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
