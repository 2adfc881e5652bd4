package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.MemberProfile;
import dev.exdetect.job.time.OrderedBuffer;
import java.util.Comparator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps a small profile of every client (volume, activity slots, regularity, covered cells) and,
 * once link evidence ties the client to another, sends it to the cluster step: at once, then at
 * most once per {@link #SEND_INTERVAL_MILLIS} of event time while the client is active. Clients
 * nobody is linked to cost the cluster step nothing. Also forwards each piece of evidence once
 * (from the end that arrived at the shared item).
 */
public class MemberProfileFunction
        extends KeyedCoProcessFunction<String, MemberRequest, LinkEvidence, ClusterInput> {
    /** Profile updates of a linked client are sent at most this often. */
    public static final long SEND_INTERVAL_MILLIS = 60_000L;

    private static final long HOUR = 3_600_000L;

    private final LinkPolicy policy;
    private transient ValueState<MemberState> member;
    private transient OrderedBuffer<ProfileInput> buffer;

    /** A profile step that forgets clients silent for the policy's window. */
    public MemberProfileFunction(LinkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        member =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "member", TypeInformation.of(MemberState.class)));
        buffer =
                OrderedBuffer.over(
                        getRuntimeContext()
                                .getMapState(
                                        OrderedBuffer.descriptor(
                                                "pending-profile", ProfileInput.class)),
                        Comparator.comparing(ProfileInput::orderKey));
    }

    @Override
    public void processElement1(MemberRequest r, Context ctx, Collector<ClusterInput> out)
            throws Exception {
        add(ProfileInput.of(r), ctx, out);
    }

    @Override
    public void processElement2(LinkEvidence e, Context ctx, Collector<ClusterInput> out)
            throws Exception {
        add(ProfileInput.of(e), ctx, out);
    }

    private void add(ProfileInput in, Context ctx, Collector<ClusterInput> out) throws Exception {
        if (!buffer.add(in, in.timestampMillis, ctx.timerService())) {
            apply(in, ctx.getCurrentKey(), ctx, out);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<ClusterInput> out) throws Exception {
        if (OrderedBuffer.endOfInput(ctx.timerService())) {
            for (long time : buffer.times()) {
                for (ProfileInput in : buffer.take(time)) {
                    apply(in, ctx.getCurrentKey(), ctx, out);
                }
            }
            member.clear();
            return;
        }
        for (ProfileInput in : buffer.take(t)) {
            apply(in, ctx.getCurrentKey(), ctx, out);
        }
        MemberState s = member.value();
        if (s != null
                && s.profile != null
                && s.profile.lastSeenMillis + policy.windowMillis() <= t) {
            member.clear(); // silent for a window: forget it
        }
    }

    private void apply(ProfileInput in, String key, Context ctx, Collector<ClusterInput> out)
            throws Exception {
        MemberState s = member.value();
        if (s == null) {
            s = new MemberState();
        }
        long t = in.timestampMillis;
        if (in.evidence == null) {
            if (s.profile == null) {
                s.profile = MemberProfile.create(key, in.clientId, in.tenant);
            }
            s.profile.add(t, in.cell);
            if (s.linked && t - s.lastSentAt >= SEND_INTERVAL_MILLIS) {
                send(s, t, out);
            }
            OrderedBuffer.wakeAt(
                    Math.floorDiv(t + policy.windowMillis(), HOUR) * HOUR + HOUR,
                    ctx.timerService());
        } else {
            if (key.equals(in.evidence.a)) {
                out.collect(ClusterInput.of(in.evidence));
            }
            if (!s.linked) {
                s.linked = true;
                if (s.profile != null) {
                    send(s, t, out);
                }
            }
        }
        member.update(s);
    }

    private static void send(MemberState s, long t, Collector<ClusterInput> out) {
        out.collect(ClusterInput.of(s.profile, t));
        s.lastSentAt = t;
    }
}
