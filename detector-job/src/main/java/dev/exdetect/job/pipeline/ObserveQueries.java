package dev.exdetect.job.pipeline;

import dev.exdetect.features.QueryInput;
import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.request.RequestRecord;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The stateless half of feature extraction: Lucene analysis and MinHash of the input text, the
 * sketch of the input vector, the parameter fingerprint, the output summary, and the evidence
 * digest. It runs before the stream is keyed by client, so its cost spreads over all parallel
 * instances even when one client sends most of the traffic.
 */
public class ObserveQueries extends RichMapFunction<RequestRecord, ClientEvent> {
    private final DetectorConfig config;
    private transient QueryAnalyzer analyzer;

    /** Observes with the feature settings of {@code config}. */
    public ObserveQueries(DetectorConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        analyzer = new QueryAnalyzer(config.features());
    }

    @Override
    public ClientEvent map(RequestRecord r) {
        ClientEvent e = new ClientEvent();
        e.requestId = r.requestId;
        e.timestampMillis = r.timestampMillis;
        e.clientId = r.clientId;
        e.tenant = r.tenant;
        e.model = r.model;
        e.sourceIp = r.sourceIp;
        e.userAgent = r.userAgent;
        e.observation = analyzer.observe(r.timestampMillis, queryInput(r));
        String input = r.text != null ? r.text : Arrays.toString(r.vector);
        e.inputDigest = Ids.sha256(input);
        e.inputLength = r.text != null ? r.textLength : 0;
        e.inputTruncated = r.textTruncated;
        if (config.evidenceRawText() && r.text != null) {
            e.inputSample =
                    r.text.length() <= config.evidenceTextChars()
                            ? r.text
                            : r.text.substring(0, config.evidenceTextChars());
        }
        return e;
    }

    /** The parts of a request the features are computed from. */
    public static QueryInput queryInput(RequestRecord r) {
        QueryInput in = new QueryInput();
        in.text = r.text;
        in.vector = r.vector;
        in.paramsJson = r.paramsJson;
        in.outputLabel = r.outputLabel;
        in.outputConfidence = r.outputConfidence;
        in.outputProbabilities = r.outputProbabilities;
        in.outputLogprobs = r.outputLogprobs;
        return in;
    }

    @Override
    public void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }
}
