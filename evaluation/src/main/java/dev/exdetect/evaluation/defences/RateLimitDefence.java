package dev.exdetect.evaluation.defences;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;

/**
 * The defence most APIs use today: a per-client rate limit. The score of a client is the largest
 * number of requests it sent within any 60 s of event time; a limit of L flags a client at its
 * first request that makes more than L in the last 60 s.
 */
public final class RateLimitDefence implements Defence {
    /** The sliding window. */
    public static final long WINDOW_MILLIS = 60_000;

    private final ArrayDeque<Long>[] windows;
    private final FirstCrossing[] scores;

    /** A rate limiter for {@code clients} clients. */
    @SuppressWarnings("unchecked")
    public RateLimitDefence(int clients) {
        windows = new ArrayDeque[clients];
        scores = new FirstCrossing[clients];
        for (int i = 0; i < clients; i++) {
            windows[i] = new ArrayDeque<>();
            scores[i] = new FirstCrossing(true);
        }
    }

    @Override
    public String name() {
        return "rate-limit";
    }

    @Override
    public String describe(double threshold) {
        return String.format(java.util.Locale.ROOT, "more than %.0f requests in 60 s", threshold);
    }

    @Override
    public void observe(int client, long seq, long timestampMillis, ObjectNode request) {
        ArrayDeque<Long> w = windows[client];
        w.addLast(timestampMillis);
        while (w.peekFirst() <= timestampMillis - WINDOW_MILLIS) {
            w.removeFirst();
        }
        scores[client].offer(seq, w.size());
    }

    @Override
    public FirstCrossing score(int client) {
        return scores[client];
    }
}
