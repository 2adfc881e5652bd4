package dev.exdetect.evaluation.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.replay.Progress;
import dev.exdetect.simulation.GroundTruth;
import dev.exdetect.simulation.TrafficSimulator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Runs a simulation to its end and writes its records as request logs ({@code requests-N.jsonl.gz},
 * one file per detector reader, each client's records in one file) and its ground truth ({@code
 * ground-truth.json}), telling a listener about every record on the way. Remembers which of each
 * client's requests were attack queries, since a client that mixes attack queries into normal
 * traffic has both.
 */
public final class TrafficWriter {
    /** The ground-truth file name. */
    public static final String GROUND_TRUTH = "ground-truth.json";

    /** Called for every simulated record, in event-time order. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param client index of the client in the simulation
         * @param seq the client's request number, from 1
         * @param attack whether the record is an attack query
         */
        void onRecord(int client, long seq, boolean attack, ObjectNode record);
    }

    /**
     * What was written.
     *
     * @param files the request-log files
     * @param records records written
     * @param attackSeqs per client, the request numbers that were attack queries
     */
    public record Written(List<Path> files, long records, BitSet[] attackSeqs) {
        /** Attack queries of {@code client} among its first {@code seq} requests. */
        public long attackQueriesUpTo(int client, long seq) {
            return attackSeqs[client]
                    .get(0, (int) Math.min(Integer.MAX_VALUE, seq + 1))
                    .cardinality();
        }
    }

    private TrafficWriter() {}

    /** Writes all of {@code sim}'s traffic into {@code dir} as {@code files} log files. */
    public static Written write(
            TrafficSimulator sim,
            long startMillis,
            long spanMillis,
            Path dir,
            int files,
            Listener listener,
            Progress progress)
            throws IOException {
        Files.createDirectories(dir);
        int clients = sim.clients().size();
        BitSet[] attackSeqs = new BitSet[clients];
        for (int i = 0; i < clients; i++) {
            attackSeqs[i] = new BitSet();
        }
        List<Path> paths = new ArrayList<>();
        List<OutputStream> outs = new ArrayList<>();
        long records = 0;
        try {
            for (int f = 0; f < files; f++) {
                Path p = dir.resolve("requests-" + f + ".jsonl.gz");
                paths.add(p);
                outs.add(new BufferedOutputStream(fastGzip(Files.newOutputStream(p)), 1 << 16));
            }
            while (sim.hasNext()) {
                ObjectNode r = sim.next();
                int c = sim.lastClient();
                long seq = sim.requestsSent(c);
                if (sim.lastWasAttack()) {
                    attackSeqs[c].set((int) seq);
                }
                listener.onRecord(c, seq, sim.lastWasAttack(), r);
                OutputStream out = outs.get(c % files);
                out.write(Json.bytes(r));
                out.write('\n');
                records++;
                long n = records;
                long t = r.path("timestamp").asLong();
                progress.maybe(
                        () ->
                                String.format(
                                        "%,d records simulated (event time %.1f of %.1f h)",
                                        n,
                                        (t - startMillis) / 3_600_000.0,
                                        spanMillis / 3_600_000.0));
            }
        } finally {
            for (OutputStream o : outs) {
                o.close();
            }
        }
        GroundTruth.write(sim, dir.resolve(GROUND_TRUTH));
        return new Written(List.copyOf(paths), records, attackSeqs);
    }

    /** Gzip at the fastest level: the logs are large and only read back once. */
    private static OutputStream fastGzip(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }
}
