package dev.exdetect.job.config;

import dev.exdetect.features.FeatureConfig;
import dev.exdetect.features.baseline.PopulationBaseline;
import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.job.output.AlertFormat;
import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the detection pipeline that affect its answers. Live and replay must run with the
 * same settings to agree. Every option is listed in the README with its default.
 *
 * @param features feature-engine settings
 * @param maxOutOfOrderness how late a record may arrive, in event time, and still be processed in
 *     time order with the others (bounded out-of-orderness watermark)
 * @param sourceIdleness a source partition silent this long stops holding back event time
 * @param clientIdleTtl a client's state is dropped after this much event time without requests
 * @param maxRecordBytes records larger than this are rejected
 * @param maxTextChars {@code input.text} is cut to this many chars (and marked as cut)
 * @param evidenceRawText put the first {@code evidenceTextChars} of sample inputs in alerts (off by
 *     default: prompts can hold personal data; hashes are always there)
 * @param evidenceTextChars how much raw text an alert may carry per sample when enabled
 * @param alertFormat how alerts are written: native JSON or OCSF Detection Finding
 * @param linkage cross-client linkage (clusters of accounts, cluster rules), or null when off
 * @param maxBufferedPerClient requests of one client that may wait for the watermark at once;
 *     beyond that a request is processed at once, like a late one, and counted (skew guard: one
 *     flooding client cannot grow the buffer without bound)
 * @param population how normal clients' features are distributed, for the alerts' evidence (each
 *     feature against the population), or null when none was given
 */
public record DetectorConfig(
        FeatureConfig features,
        Duration maxOutOfOrderness,
        Duration sourceIdleness,
        Duration clientIdleTtl,
        int maxRecordBytes,
        int maxTextChars,
        boolean evidenceRawText,
        int evidenceTextChars,
        AlertFormat alertFormat,
        LinkPolicy linkage,
        int maxBufferedPerClient,
        PopulationBaseline population)
        implements Serializable {

    /** Sample requests an alert carries as evidence. */
    public static final int EVIDENCE_SAMPLES = 5;

    /** The documented defaults (linkage on). */
    public static DetectorConfig defaults() {
        return new DetectorConfig(
                FeatureConfig.defaults(),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofDays(7),
                8 * 1024 * 1024,
                16 * 1024,
                false,
                200,
                AlertFormat.NATIVE,
                LinkPolicy.defaults(),
                10_000,
                null);
    }

    /** Checks ranges; throws {@link IllegalArgumentException} naming the bad setting. */
    public DetectorConfig {
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("max out-of-orderness must not be negative");
        }
        if (sourceIdleness.isNegative() || sourceIdleness.isZero()) {
            throw new IllegalArgumentException("source idleness must be positive");
        }
        if (clientIdleTtl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("client idle TTL must be at least 1 minute");
        }
        if (maxRecordBytes < 1024) {
            throw new IllegalArgumentException("max record bytes must be at least 1024");
        }
        if (alertFormat == null) {
            throw new IllegalArgumentException("alert format must be set");
        }
        if (maxTextChars < 16) {
            throw new IllegalArgumentException("max text chars must be at least 16");
        }
        if (maxBufferedPerClient < 1) {
            throw new IllegalArgumentException("max buffered per client must be at least 1");
        }
    }

    /** These settings with another out-of-orderness bound. */
    public DetectorConfig withMaxOutOfOrderness(Duration d) {
        return new DetectorConfig(
                features,
                d,
                sourceIdleness,
                clientIdleTtl,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                evidenceTextChars,
                alertFormat,
                linkage,
                maxBufferedPerClient,
                population);
    }

    /** These settings with another client idle TTL. */
    public DetectorConfig withClientIdleTtl(Duration d) {
        return new DetectorConfig(
                features,
                maxOutOfOrderness,
                sourceIdleness,
                d,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                evidenceTextChars,
                alertFormat,
                linkage,
                maxBufferedPerClient,
                population);
    }

    /** These settings with another per-client buffer limit. */
    public DetectorConfig withMaxBufferedPerClient(int n) {
        return new DetectorConfig(
                features,
                maxOutOfOrderness,
                sourceIdleness,
                clientIdleTtl,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                evidenceTextChars,
                alertFormat,
                linkage,
                n,
                population);
    }

    /** These settings with cross-client linkage set ({@code null}: off). */
    public DetectorConfig withLinkage(LinkPolicy policy) {
        return new DetectorConfig(
                features,
                maxOutOfOrderness,
                sourceIdleness,
                clientIdleTtl,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                evidenceTextChars,
                alertFormat,
                policy,
                maxBufferedPerClient,
                population);
    }

    /** These settings with a population baseline for the alerts' evidence ({@code null}: none). */
    public DetectorConfig withPopulation(PopulationBaseline baseline) {
        return new DetectorConfig(
                features,
                maxOutOfOrderness,
                sourceIdleness,
                clientIdleTtl,
                maxRecordBytes,
                maxTextChars,
                evidenceRawText,
                evidenceTextChars,
                alertFormat,
                linkage,
                maxBufferedPerClient,
                baseline);
    }
}
