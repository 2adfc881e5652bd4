package dev.exdetect.job.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it: lets gateway tests reach a command's expiry or
 * refill a token bucket without waiting, and lets the end-to-end test run simulated time.
 */
public final class ManualClock extends Clock {
    private final AtomicLong millis;

    /** A clock at {@code startMillis}. */
    public ManualClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** Moves the clock to {@code t} (never backwards). */
    public void set(long t) {
        millis.accumulateAndGet(t, Math::max);
    }

    /** Moves the clock forward by {@code ms}. */
    public void advance(long ms) {
        millis.addAndGet(ms);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a manual clock is always UTC");
    }
}
