package dev.exdetect.job.pipeline;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Takes the rules stream out of event time once the start-up rules are in, so that the detection
 * step's clock is the requests' watermark alone.
 *
 * <p>Why: a two-input operator ignores an idle input's watermark. The rules input used to carry the
 * maximum watermark; so whenever the requests input went idle (no record for {@code
 * --source-idleness}, a quiet topic), the detection step's watermark jumped to the maximum and
 * every timer fired at once: buffered requests, command expiry, alert closing and the idle-TTL
 * cleanup of every client. Here the rules input is marked idle instead: while requests flow, the
 * detection step follows their watermark; while they are quiet, event time simply stands still.
 *
 * <p>Until the start-up rules have all been emitted (the maximum watermark arrives from upstream),
 * this operator emits no watermark, which holds the detection step back, so no request is judged
 * before the start-up rules are in place. All later watermarks and statuses from upstream are
 * dropped: rules have no event time of their own.
 */
public final class RulesWithoutEventTime<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {
    private boolean idle;

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        if (!idle && mark.getTimestamp() == Long.MAX_VALUE) {
            idle = true;
            output.emitWatermarkStatus(WatermarkStatus.IDLE);
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Upstream idleness says nothing about the rules being in place.
    }
}
