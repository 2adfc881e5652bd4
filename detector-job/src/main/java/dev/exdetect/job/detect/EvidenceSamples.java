package dev.exdetect.job.detect;

import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.model.Alert;
import dev.exdetect.job.model.ClientEvent;

/**
 * The client's last few requests, kept as alert evidence: request ids, input digests and (only when
 * configured) truncated input text. A fixed-size ring: bounded state. A Flink POJO.
 */
public class EvidenceSamples {
    public String[] requestIds;
    public String[] digests;
    public String[] texts;
    public int[] lengths;
    public boolean[] truncated;
    public int next;
    public int size;

    /** For Flink's POJO serializer. */
    public EvidenceSamples() {}

    /** An empty ring of {@link DetectorConfig#EVIDENCE_SAMPLES} entries. */
    public static EvidenceSamples empty() {
        EvidenceSamples s = new EvidenceSamples();
        s.requestIds = new String[DetectorConfig.EVIDENCE_SAMPLES];
        s.digests = new String[DetectorConfig.EVIDENCE_SAMPLES];
        s.texts = new String[DetectorConfig.EVIDENCE_SAMPLES];
        s.lengths = new int[DetectorConfig.EVIDENCE_SAMPLES];
        s.truncated = new boolean[DetectorConfig.EVIDENCE_SAMPLES];
        return s;
    }

    /** Remembers {@code e}, forgetting the oldest sample when full. */
    public void add(ClientEvent e) {
        requestIds[next] = e.requestId;
        digests[next] = e.inputDigest;
        texts[next] = e.inputSample;
        lengths[next] = e.inputLength;
        truncated[next] = e.inputTruncated;
        next = (next + 1) % requestIds.length;
        size = Math.min(size + 1, requestIds.length);
    }

    /** The i-th sample, oldest first, as alert evidence. */
    public Alert.Sample sample(int i) {
        int slot = slot(i);
        return new Alert.Sample(
                requestIds[slot], digests[slot], lengths[slot], truncated[slot], texts[slot]);
    }

    /** Index of the i-th sample, oldest first. */
    public int slot(int i) {
        return Math.floorMod(next - size + i, requestIds.length);
    }
}
