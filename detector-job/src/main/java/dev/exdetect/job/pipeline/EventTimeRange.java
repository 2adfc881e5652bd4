package dev.exdetect.job.pipeline;

import java.io.Serializable;

/**
 * The event times a run looks at: {@code [from, to)}. Records outside are counted as skipped, not
 * rejected (they are valid, just not asked for), so {@code read = accepted + rejected + skipped}.
 *
 * @param fromMillis first event time included
 * @param toMillis first event time excluded
 */
public record EventTimeRange(long fromMillis, long toMillis) implements Serializable {
    /** Every event time. */
    public static final EventTimeRange ALL = new EventTimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    /** True when {@code t} is in the range. */
    public boolean contains(long t) {
        return t >= fromMillis && t < toMillis;
    }
}
