package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.features.linkage.SharedItem;
import dev.exdetect.job.time.OrderedBuffer;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The global (account-oblivious) index of shared items, partitioned by item so it runs in parallel:
 * for each item, the clients that used it within the window. When a client arrives at an item
 * others used, the pairs are held for the policy's probation and then emitted as {@link
 * LinkEvidence}, weighted by how rare the item turned out to be (an item used from many origins
 * links nobody). Arrivals and due links are processed in event-time order; an item's state is
 * dropped after a window without use.
 */
public class SharedItemFunction
        extends KeyedProcessFunction<String, LinkObservation, LinkEvidence> {
    private static final LinkSignal[] SIGNALS = LinkSignal.values();
    private static final long HOUR = 3_600_000L;

    private final LinkPolicy policy;
    private transient ValueState<SharedItem> item;
    private transient OrderedBuffer<LinkObservation> buffer;
    private transient Counter evidenceCounter;

    /** An index with the given window and probation. */
    public SharedItemFunction(LinkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        item =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "item", TypeInformation.of(SharedItem.class)));
        buffer =
                OrderedBuffer.over(
                        getRuntimeContext()
                                .getMapState(
                                        OrderedBuffer.descriptor(
                                                "pending-items", LinkObservation.class)),
                        Comparator.comparing((LinkObservation o) -> o.clientKey));
        evidenceCounter = getRuntimeContext().getMetricGroup().counter("linkEvidence");
    }

    @Override
    public void processElement(LinkObservation o, Context ctx, Collector<LinkEvidence> out)
            throws Exception {
        if (!buffer.add(o, o.timestampMillis, ctx.timerService())) {
            arrive(o, ctx);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<LinkEvidence> out) throws Exception {
        if (OrderedBuffer.endOfInput(ctx.timerService())) {
            drain(ctx, out);
            return;
        }
        for (LinkObservation o : buffer.take(t)) {
            arrive(o, ctx);
        }
        emitDue(t, ctx.getCurrentKey(), out);
        SharedItem s = item.value();
        if (s != null && s.pendingSize == 0 && s.newest + policy.windowMillis() <= t) {
            item.clear(); // silent for a window: forget it
        }
    }

    /** End of input: arrivals and due links in event-time order (arrivals first on a tie). */
    private void drain(OnTimerContext ctx, Collector<LinkEvidence> out) throws Exception {
        List<Long> times = buffer.times();
        for (long time : times) {
            SharedItem s = item.value();
            if (s != null && s.nextDue() < time) {
                emitDue(time - 1, ctx.getCurrentKey(), out);
            }
            for (LinkObservation o : buffer.take(time)) {
                arrive(o, ctx);
            }
        }
        emitDue(Long.MAX_VALUE, ctx.getCurrentKey(), out);
        item.clear();
    }

    private void arrive(LinkObservation o, Context ctx) throws Exception {
        SharedItem s = item.value();
        if (s == null) {
            s = SharedItem.empty();
        }
        String[] others = s.arrive(o.clientKey, o.origin, o.timestampMillis, policy.windowMillis());
        if (others.length > 0) {
            // Probation runs once per item, from its first use: links into an item that has been
            // watched for long enough are judged at once (a late joiner of a campaign is linked
            // without delay), those into a new item wait until its rarity can be told.
            long due = Math.max(o.timestampMillis, s.firstSeen + policy.probationMillis());
            s.addPending(o.clientKey, others, due);
            OrderedBuffer.wakeAt(due, ctx.timerService());
        }
        item.update(s);
        // One clean-up timer per item and hour, however busy the item is.
        OrderedBuffer.wakeAt(
                Math.floorDiv(s.newest + policy.windowMillis(), HOUR) * HOUR + HOUR,
                ctx.timerService());
    }

    /** Emits the links due at or before {@code t}, weighted by the item's rarity at that point. */
    private void emitDue(long t, String itemKey, Collector<LinkEvidence> out) throws Exception {
        SharedItem s = item.value();
        if (s == null || s.pendingSize == 0) {
            return;
        }
        LinkSignal signal = signalOf(itemKey);
        double weight = signal.weight(s.distinctClients(), s.distinctOrigins());
        for (SharedItem.PendingLink link : s.takeDue(t)) {
            if (weight > 0) {
                out.collect(
                        new LinkEvidence(
                                link.newClient(),
                                link.earlierClient(),
                                signal.ordinal(),
                                weight,
                                link.due()));
                evidenceCounter.inc();
            }
        }
        item.update(s);
    }

    /** The signal of an item, from its key ({@code signal:value}). */
    static LinkSignal signalOf(String itemKey) {
        return LinkSignal.valueOf(
                itemKey.substring(0, itemKey.indexOf(':')).toUpperCase(java.util.Locale.ROOT));
    }

    /** Routes each piece of evidence to the profiles of both clients it links. */
    public static void toBothEnds(LinkEvidence e, Collector<LinkEvidence> out) {
        out.collect(e.routedTo(e.a));
        out.collect(e.routedTo(e.b));
    }
}
