package dev.exdetect.features.engine;

import dev.exdetect.features.minhash.RecentSignatures;
import dev.exdetect.features.window.RecentFlags;
import dev.exdetect.features.window.SlidingWindowCounter;

/**
 * Everything the feature engine remembers about one client. Its size is fixed by the {@link
 * FeatureConfig} (about {@code 64 * recentSignatures + 200} bytes: 4.3 KiB with the defaults),
 * whatever the client's volume. A Flink POJO: public fields, no-argument constructor.
 */
public class ClientFeatureState {
    public long requestCount;
    public long firstSeenMillis;
    public long lastSeenMillis;
    public SlidingWindowCounter perMinute;
    public SlidingWindowCounter perHour;
    public RecentSignatures recentText;
    public RecentFlags nearDuplicates;

    /** For Flink's POJO serializer. */
    public ClientFeatureState() {}
}
