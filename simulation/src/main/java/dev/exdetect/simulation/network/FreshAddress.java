package dev.exdetect.simulation.network;

import java.util.Random;
import java.util.Set;

/**
 * A new residential address for every request, never one that any client sharing {@code used} has
 * had before: a Sybil campaign buying a residential-proxy pool, whose exit addresses are households
 * all over the address space.
 */
public final class FreshAddress implements AddressPlan {
    private final Random random;
    private final Set<String> used;
    private final String initial;
    private boolean first = true;
    private int count;

    /**
     * @param random this plan's own random source
     * @param used the addresses already handed out, shared by every client of the campaign
     */
    public FreshAddress(Random random, Set<String> used) {
        this.random = random;
        this.used = used;
        this.initial = draw();
    }

    @Override
    public String initial() {
        return initial;
    }

    @Override
    public String addressAt(long timestampMillis) {
        count++;
        if (first) {
            first = false;
            return initial;
        }
        return draw();
    }

    @Override
    public int distinct() {
        return count;
    }

    private String draw() {
        String a;
        do {
            a = Addresses.address(random);
        } while (!used.add(a));
        return a;
    }
}
