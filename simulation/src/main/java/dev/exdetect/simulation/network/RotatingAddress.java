package dev.exdetect.simulation.network;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * An address held for a while, then replaced by a new one from a pool: each address is held for an
 * exponentially distributed time of mean {@code meanHoldMillis} of event time (0: a new address for
 * every request). Mobile users behind a carrier's NAT, IPv6 privacy addresses and rotating proxies
 * all look like this; only the pool differs.
 */
public final class RotatingAddress implements AddressPlan {
    private final Random random;
    private final double meanHoldMillis;
    private final Function<Random, String> pool;
    private final String initial;
    private final Set<String> seen = new HashSet<>();
    private String current;
    private long changeAt = Long.MIN_VALUE;

    /**
     * @param random this plan's own random source
     * @param meanHoldMillis mean time an address is kept; 0 for a new one on every request
     * @param pool draws an address
     */
    public RotatingAddress(Random random, double meanHoldMillis, Function<Random, String> pool) {
        this.random = random;
        this.meanHoldMillis = meanHoldMillis;
        this.pool = pool;
        this.initial = pool.apply(random);
        this.current = initial;
    }

    @Override
    public String initial() {
        return initial;
    }

    @Override
    public String addressAt(long timestampMillis) {
        if (changeAt == Long.MIN_VALUE) {
            // The first request uses the initial address.
            changeAt = timestampMillis + hold();
        } else if (meanHoldMillis <= 0 || timestampMillis >= changeAt) {
            current = pool.apply(random);
            changeAt = timestampMillis + hold();
        }
        seen.add(current);
        return current;
    }

    @Override
    public int distinct() {
        return seen.size();
    }

    private long hold() {
        return meanHoldMillis <= 0
                ? 0
                : Math.max(1, (long) (-meanHoldMillis * Math.log(1 - random.nextDouble())));
    }
}
