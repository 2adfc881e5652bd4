package dev.exdetect.job.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * Holds a key's records until the watermark passes them, so that a keyed operator processes them in
 * event-time order (ties in a fixed order) whatever order they arrived in: the basis of "live and
 * replay give the same answers". Records are buffered per timestamp in keyed map state, and a timer
 * per timestamp wakes the operator when they are due.
 *
 * <p>At the end of a bounded input the watermark jumps to the maximum and, in batch execution,
 * timers set from then on are dropped; {@link #endOfInput} tells when to play every buffered time
 * ({@link #times}) through at once instead.
 *
 * @param <T> the buffered record type (a Flink POJO)
 */
public final class OrderedBuffer<T> {
    private final MapState<Long, List<T>> pending;
    private final Comparator<T> tieBreak;

    private OrderedBuffer(MapState<Long, List<T>> pending, Comparator<T> tieBreak) {
        this.pending = pending;
        this.tieBreak = tieBreak;
    }

    /** The state descriptor of a buffer named {@code name} of {@code type} records. */
    public static <T> MapStateDescriptor<Long, List<T>> descriptor(String name, Class<T> type) {
        return new MapStateDescriptor<>(name, Types.LONG, Types.LIST(TypeInformation.of(type)));
    }

    /** A buffer over {@code state}, ordering records of equal timestamp by {@code tieBreak}. */
    public static <T> OrderedBuffer<T> over(MapState<Long, List<T>> state, Comparator<T> tieBreak) {
        return new OrderedBuffer<>(state, tieBreak);
    }

    /**
     * Buffers {@code record} of event time {@code t} and sets a timer for it; returns false (and
     * buffers nothing) when {@code t} is at or behind the watermark: the caller processes such a
     * late record at once.
     */
    public boolean add(T record, long t, TimerService timers) throws Exception {
        if (t <= timers.currentWatermark()) {
            return false;
        }
        List<T> atT = pending.get(t);
        if (atT == null) {
            atT = new ArrayList<>(1);
        }
        atT.add(record);
        pending.put(t, atT);
        timers.registerEventTimeTimer(t);
        return true;
    }

    /** Removes and returns the records of event time {@code t}, in order; empty when none. */
    public List<T> take(long t) throws Exception {
        List<T> due = pending.get(t);
        if (due == null) {
            return List.of();
        }
        pending.remove(t);
        due.sort(tieBreak);
        return due;
    }

    /** The event times still buffered, earliest first. */
    public List<Long> times() throws Exception {
        List<Long> times = new ArrayList<>();
        for (Long t : pending.keys()) {
            times.add(t);
        }
        times.sort(null);
        return times;
    }

    /** True when the input has ended: everything left must be processed now, in order. */
    public static boolean endOfInput(TimerService timers) {
        return timers.currentWatermark() == Long.MAX_VALUE;
    }

    /**
     * Sets a timer at {@code t} unless the input has ended (then timers set now may be dropped, and
     * the caller's drain runs every deadline).
     */
    public static void wakeAt(long t, TimerService timers) {
        if (!endOfInput(timers)) {
            timers.registerEventTimeTimer(t);
        }
    }
}
