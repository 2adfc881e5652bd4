package dev.exdetect.simulation.benign;

import dev.exdetect.simulation.profile.Sessions;
import dev.exdetect.simulation.profile.Timing;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Many people's sessions merged into one key's traffic, as a B2B product forwards its end users'
 * questions: each end user has their own {@link Sessions}; the key sends whenever any of them does.
 * Call {@link #sender} when a request is written and {@link #delayAfter} for the pause that follows
 * it.
 */
public final class EndUsers {
    private final Sessions[] sessions;
    private final long[] nextAt;
    private final double meanBreakMillis;
    private final PriorityQueue<Integer> queue;
    private int current = -1;

    /**
     * {@code users} end users, each with sessions of mean length {@code meanLength}, pauses of
     * {@code pauseMin} to {@code pauseMax} ms and breaks of mean {@code meanBreakMillis}.
     */
    public EndUsers(
            int users,
            double meanLength,
            long pauseMin,
            long pauseMax,
            double meanBreakMillis,
            Random setup) {
        if (users < 1) {
            throw new IllegalArgumentException("a product needs at least one end user");
        }
        this.sessions = new Sessions[users];
        this.nextAt = new long[users];
        this.meanBreakMillis = meanBreakMillis;
        for (int u = 0; u < users; u++) {
            sessions[u] = new Sessions(meanLength, pauseMin, pauseMax, meanBreakMillis, setup);
        }
        this.queue =
                new PriorityQueue<>(
                        (a, b) -> {
                            int c = Long.compare(nextAt[a], nextAt[b]);
                            return c != 0 ? c : Integer.compare(a, b);
                        });
    }

    /** The end user whose request the key sends at {@code nowMillis}. */
    public int sender(long nowMillis, Random random) {
        if (current < 0) {
            // The key's first request: one user is on now, the others come later.
            current = random.nextInt(sessions.length);
            for (int u = 0; u < sessions.length; u++) {
                if (u != current) {
                    nextAt[u] =
                            nowMillis
                                    + Timing.diurnalExponential(random, meanBreakMillis, nowMillis);
                    queue.add(u);
                }
            }
        }
        return current;
    }

    /** The pause from the request sent at {@code nowMillis} to the key's next one. */
    public long delayAfter(long nowMillis, Random random) {
        nextAt[current] = nowMillis + sessions[current].next(nowMillis, random);
        queue.add(current);
        current = queue.poll();
        return Math.max(1, nextAt[current] - nowMillis);
    }

    /** Number of end users. */
    public int size() {
        return sessions.length;
    }

    /** The mean pause of the key's traffic where people's activity averages {@code activity}. */
    public double meanMillis(double activity) {
        return sessions[0].meanMillis(activity) / sessions.length;
    }
}
