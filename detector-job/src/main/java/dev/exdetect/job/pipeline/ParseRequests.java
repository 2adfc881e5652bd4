package dev.exdetect.job.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.job.output.Json;
import dev.exdetect.job.output.OutputRecord;
import dev.exdetect.job.request.ParseResult;
import dev.exdetect.job.request.RawRecord;
import dev.exdetect.job.request.RequestParser;
import dev.exdetect.job.request.RequestRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Parses raw records into {@link RequestRecord}s. A record that fails validation goes to the
 * dead-letter side output {@link #REJECTED} with its reason and original bytes: nothing is dropped
 * silently, and {@code read = accepted + rejected + skipped} always holds (skipped: valid, but
 * outside the requested event-time range). Counted as metrics and as accumulators for the replay
 * summary.
 */
public class ParseRequests extends ProcessFunction<RawRecord, RequestRecord> {
    /** Rejected records, as dead-letter JSON. */
    public static final OutputTag<OutputRecord> REJECTED =
            new OutputTag<>("rejected-requests", TypeInformation.of(OutputRecord.class));

    /** Accumulator names, read by {@code replay} for its summary and progress. */
    public static final String READ = "records_read";

    public static final String ACCEPTED = "records_accepted";
    public static final String REJECTED_COUNT = "records_rejected";
    public static final String SKIPPED = "records_skipped";

    /**
     * Dead-letter records keep at most this many bytes of the original (Kafka's default max message
     * is 1 MiB).
     */
    static final int MAX_RAW_BYTES = 512 * 1024;

    private final RequestParser parser;
    private final EventTimeRange range;
    private transient Counter read;
    private transient Counter accepted;
    private transient Counter rejected;
    private transient LongCounter readAcc;
    private transient LongCounter acceptedAcc;
    private transient LongCounter rejectedAcc;
    private transient LongCounter skippedAcc;

    /** Parses with {@code parser}, keeping the records whose event time is in {@code range}. */
    public ParseRequests(RequestParser parser, EventTimeRange range) {
        this.parser = parser;
        this.range = range;
    }

    @Override
    public void open(OpenContext openContext) {
        var metrics = getRuntimeContext().getMetricGroup();
        read = metrics.counter("recordsRead");
        accepted = metrics.counter("recordsAccepted");
        rejected = metrics.counter("recordsRejected");
        readAcc = new LongCounter();
        acceptedAcc = new LongCounter();
        rejectedAcc = new LongCounter();
        skippedAcc = new LongCounter();
        getRuntimeContext().addAccumulator(READ, readAcc);
        getRuntimeContext().addAccumulator(ACCEPTED, acceptedAcc);
        getRuntimeContext().addAccumulator(REJECTED_COUNT, rejectedAcc);
        getRuntimeContext().addAccumulator(SKIPPED, skippedAcc);
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<RequestRecord> out) {
        read.inc();
        readAcc.add(1);
        ParseResult result = parser.parse(raw.bytes, raw.origin);
        if (result.isAccepted() && !range.contains(result.record().timestampMillis)) {
            skippedAcc.add(1);
        } else if (result.isAccepted()) {
            accepted.inc();
            acceptedAcc.add(1);
            out.collect(result.record());
        } else {
            rejected.inc();
            rejectedAcc.add(1);
            ctx.output(
                    REJECTED,
                    deadLetter(raw, result.rejection().field(), result.rejection().message()));
        }
    }

    /** The dead-letter record of a refused input: where, why, and the bytes themselves. */
    static OutputRecord deadLetter(RawRecord raw, String field, String reason) {
        ObjectNode o = Json.object();
        o.put("schema", "exdetect.rejected.v1");
        o.put("origin", raw.origin);
        o.put("field", field);
        o.put("reason", reason);
        byte[] bytes = raw.bytes == null ? new byte[0] : raw.bytes;
        o.put("raw_bytes", bytes.length);
        boolean truncated = bytes.length > MAX_RAW_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(bytes, MAX_RAW_BYTES) : bytes;
        String text = utf8OrNull(kept);
        if (text != null) {
            o.put("raw", text);
        } else {
            o.put("raw_base64", Base64.getEncoder().encodeToString(kept));
        }
        o.put("raw_truncated", truncated);
        return OutputRecord.of(raw.origin, Json.bytes(o), Long.MIN_VALUE, raw.origin);
    }

    private static String utf8OrNull(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
