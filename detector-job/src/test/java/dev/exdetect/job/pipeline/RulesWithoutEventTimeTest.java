package dev.exdetect.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.engine.QueryAnalyzer;
import dev.exdetect.job.config.DetectorConfig;
import dev.exdetect.job.detect.DetectionFunction;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.testing.TestLogs;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Why the rules input is taken out of event time ({@link RulesWithoutEventTime}), and that it is.
 */
class RulesWithoutEventTimeTest {
    @Test
    void holdsBackUntilTheStartUpRulesAreInThenGoesIdleAndForwardsRecords() throws Exception {
        try (var harness =
                new OneInputStreamOperatorTestHarness<String, String>(
                        new RulesWithoutEventTime<>())) {
            harness.open();
            harness.processElement("start-up rule", 0);
            harness.processWatermark(new Watermark(5));
            assertThat(harness.getOutput()).hasSize(1).noneMatch(o -> o instanceof Watermark);

            harness.processWatermark(new Watermark(Long.MAX_VALUE)); // the start-up rules are in
            harness.processElement("rule update", 0);
            harness.processWatermark(new Watermark(Long.MAX_VALUE));
            assertThat(harness.getOutput())
                    .containsExactly(
                            new org.apache.flink.streaming.runtime.streamrecord.StreamRecord<>(
                                    "start-up rule", 0),
                            WatermarkStatus.IDLE,
                            new org.apache.flink.streaming.runtime.streamrecord.StreamRecord<>(
                                    "rule update", 0));
        }
    }

    /**
     * The hazard: with the rules input at the maximum watermark, an idle requests input (a quiet
     * topic) moves the detection step's event time to the end, and every deadline fires; with the
     * rules input idle, event time stands still.
     */
    @Test
    void aQuietRequestsInputMovesEventTimeOnlyWhenTheRulesInputCarriesTheMaximum()
            throws Exception {
        assertThat(watermarksAfterQuietRequests(new Watermark(Long.MAX_VALUE)))
                .last()
                .isEqualTo(new Watermark(Long.MAX_VALUE));
        assertThat(watermarksAfterQuietRequests(WatermarkStatus.IDLE))
                .last()
                .isEqualTo(new Watermark(TestLogs.START + 20_000));
    }

    /** The detection step's output watermarks after some requests, then an idle requests input. */
    private static java.util.List<Object> watermarksAfterQuietRequests(Object rulesInput)
            throws Exception {
        DetectorConfig config = DetectorConfig.defaults();
        try (QueryAnalyzer analyzer = new QueryAnalyzer(config.features());
                var harness =
                        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                new DetectionFunction(config),
                                (ClientEvent e) -> ClientKeys.of(e.tenant, e.clientId),
                                Types.STRING,
                                Descriptors.RULES)) {
            var operator = (TwoInputStreamOperator<?, ?, ?>) harness.getOperator();
            if (rulesInput instanceof Watermark w) {
                harness.processBroadcastWatermark(w.getTimestamp());
            } else {
                operator.processWatermarkStatus2((WatermarkStatus) rulesInput);
            }
            for (int i = 0; i < 10; i++) {
                ClientEvent e = new ClientEvent();
                e.clientId = "client";
                e.requestId = "r" + i;
                e.timestampMillis = TestLogs.START + i * 1000L;
                e.observation = analyzer.observe(e.timestampMillis, "question " + i);
                e.inputDigest = "digest";
                harness.processElement(e, e.timestampMillis);
            }
            harness.processWatermark(TestLogs.START + 20_000);
            operator.processWatermarkStatus1(WatermarkStatus.IDLE); // the requests go quiet
            return harness.getOutput().stream()
                    .filter(o -> o instanceof Watermark)
                    .map(o -> (Object) o)
                    .toList();
        }
    }
}
