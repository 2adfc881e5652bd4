package dev.exdetect.job.time;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 * <p>A {@link #bounded} buffer holds at most a given number of records per key (a skew guard: one
 * key flooding must not grow its buffer, and the state reads and writes for it, without bound). It
 * keeps the key's count in a value state of its own, so that the guard costs one small read per
 * record instead of a read of every buffered list.
 *
 * @param <T> the buffered record type (a Flink POJO)
 */
public final class OrderedBuffer<T> {
    /** What {@link #offer} did with a record. */
    public enum Offer {
        /** Buffered; a timer wakes the caller when the watermark passes it. */
        BUFFERED,
        /** At or behind the watermark: not buffered, the caller processes it at once. */
        LATE,
        /** The key already has the most records allowed waiting: not buffered, process at once. */
        FULL
    }

    private final MapState<Long, List<T>> pending;
    private final Comparator<T> tieBreak;

    /** Records buffered for the current key (absent: none); null for an unbounded buffer. */
    private final ValueState<Integer> count;

    private final int capacity;

    private OrderedBuffer(
            MapState<Long, List<T>> pending,
            Comparator<T> tieBreak,
            ValueState<Integer> count,
            int capacity) {
        this.pending = pending;
        this.tieBreak = tieBreak;
        this.count = count;
        this.capacity = capacity;
    }

    /** The state descriptor of a buffer named {@code name} of {@code type} records. */
    public static <T> MapStateDescriptor<Long, List<T>> descriptor(String name, Class<T> type) {
        return new MapStateDescriptor<>(name, Types.LONG, Types.LIST(TypeInformation.of(type)));
    }

    /** The state descriptor of a bounded buffer's count, named {@code name}. */
    public static ValueStateDescriptor<Integer> countDescriptor(String name) {
        return new ValueStateDescriptor<>(name, Types.INT);
    }

    /** A buffer over {@code state}, ordering records of equal timestamp by {@code tieBreak}. */
    public static <T> OrderedBuffer<T> over(MapState<Long, List<T>> state, Comparator<T> tieBreak) {
        return new OrderedBuffer<>(state, tieBreak, null, Integer.MAX_VALUE);
    }

    /**
     * A buffer over {@code state} that holds at most {@code capacity} records per key, counted in
     * {@code count} (see {@link #countDescriptor}); records of equal timestamp in {@code tieBreak}
     * order.
     */
    public static <T> OrderedBuffer<T> bounded(
            MapState<Long, List<T>> state,
            ValueState<Integer> count,
            int capacity,
            Comparator<T> tieBreak) {
        return new OrderedBuffer<>(state, tieBreak, count, capacity);
    }

    /**
     * Buffers {@code record} of event time {@code t} and sets a timer for it, unless the key's
     * buffer is full (checked first) or {@code t} is at or behind the watermark; then nothing is
     * buffered and the caller processes the record at once.
     */
    public Offer offer(T record, long t, TimerService timers) throws Exception {
        int waiting = 0;
        if (count != null) {
            Integer counted = count.value();
            waiting = counted == null ? 0 : counted;
            if (waiting >= capacity) {
                return Offer.FULL;
            }
        }
        if (t <= timers.currentWatermark()) {
            return Offer.LATE;
        }
        List<T> atT = pending.get(t);
        if (atT == null) {
            atT = new ArrayList<>(1);
        }
        atT.add(record);
        pending.put(t, atT);
        timers.registerEventTimeTimer(t);
        if (count != null) {
            count.update(waiting + 1);
        }
        return Offer.BUFFERED;
    }

    /**
     * Buffers {@code record} like {@link #offer}; returns false when it was not buffered (late, or
     * a bounded buffer is full): the caller processes such a record at once.
     */
    public boolean add(T record, long t, TimerService timers) throws Exception {
        return offer(record, t, timers) == Offer.BUFFERED;
    }

    /** Removes and returns the records of event time {@code t}, in order; empty when none. */
    public List<T> take(long t) throws Exception {
        List<T> due = pending.get(t);
        if (due == null) {
            return List.of();
        }
        pending.remove(t);
        if (count != null) {
            Integer counted = count.value();
            int left = (counted == null ? 0 : counted) - due.size();
            if (left > 0) {
                count.update(left);
            } else {
                count.clear();
            }
        }
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
