package dev.exdetect.features.family;

import dev.exdetect.features.stats.ExpMovingStats;
import dev.exdetect.features.window.SlidingWindowCounter;

/** What {@link TimingFeatures} remembers about a client: about 330 bytes. A Flink POJO. */
public class TimingState {
    public SlidingWindowCounter perMinute;
    public SlidingWindowCounter perHour;
    public SlidingWindowCounter perDay;

    /** Gaps between consecutive requests, in seconds, exponentially weighted. */
    public ExpMovingStats gaps;

    /** Event time of the latest request; Long.MIN_VALUE before the first. */
    public long lastMillis;

    /** Per UTC hour of the day: 1 + the epoch day it last saw a request (0: never). */
    public int[] hourLastDay;

    /** For Flink's POJO serializer. */
    public TimingState() {}
}
