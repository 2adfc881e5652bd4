package dev.exdetect.gateway;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code capacity}
 * per {@code periodMillis}; each served request takes one. It starts full, so a throttled client
 * may still send a burst of {@code capacity} requests, then one per refill interval. Thread-safe.
 */
public final class TokenBucket {
    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long lastRefill = Long.MIN_VALUE;

    /** {@code requests} per {@code periodMillis}; {@code requests = 0} refuses everything. */
    public TokenBucket(int requests, long periodMillis) {
        if (requests < 0 || periodMillis < 1) {
            throw new IllegalArgumentException("need requests >= 0 and a positive period");
        }
        this.capacity = requests;
        this.tokensPerMilli = (double) requests / periodMillis;
        this.tokens = requests;
    }

    /**
     * Takes a token at {@code nowMillis} if there is one.
     *
     * @return 0 when the request may be served, else the milliseconds until a token is available
     *     ({@link Long#MAX_VALUE} for a bucket that never refills)
     */
    public synchronized long tryTake(long nowMillis) {
        if (lastRefill != Long.MIN_VALUE && nowMillis > lastRefill) {
            tokens = Math.min(capacity, tokens + (nowMillis - lastRefill) * tokensPerMilli);
        }
        lastRefill = Math.max(lastRefill, nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        if (tokensPerMilli == 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerMilli));
    }

    /** True when this bucket enforces the same limit as a new one of these parameters would. */
    public boolean hasLimit(int requests, long periodMillis) {
        return capacity == requests && tokensPerMilli == (double) requests / periodMillis;
    }
}
