package dev.exdetect.job.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.job.request.ClientKeys;
import dev.exdetect.job.testing.TestLogs;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The member-profile step through Flink's keyed two-input operator harness. */
class MemberProfileFunctionTest {
    private static final long T0 = TestLogs.START;
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final LinkPolicy POLICY = new LinkPolicy(2 * HOUR, 0.6, 0.5, 0);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, MemberRequest, LinkEvidence, ClusterInput>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new MemberProfileFunction(POLICY),
                        r -> ClientKeys.of(r.tenant, r.clientId),
                        e -> e.forKey,
                        Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void request(String client, long t) throws Exception {
        MemberRequest r = new MemberRequest();
        r.clientId = client;
        r.tenant = "acme";
        r.timestampMillis = t;
        r.cell = 7;
        harness.processElement1(r, t);
    }

    /** Evidence between two clients, routed to both as the pipeline does. */
    private void evidence(String a, String b, long t) throws Exception {
        LinkEvidence e = new LinkEvidence(a, b, LinkSignal.SUBNET.ordinal(), 0.5, t);
        harness.processElement2(e.routedTo(a), t);
        harness.processElement2(e.routedTo(b), t);
    }

    private void watermark(long t) throws Exception {
        harness.processBothWatermarks(new Watermark(t));
    }

    /** The outputs so far, as {@code profile KEY REQUESTS @T} or {@code evidence A-B}. */
    private List<String> outputs() {
        return harness.extractOutputValues().stream()
                .map(
                        in ->
                                in.profile != null
                                        ? "profile "
                                                + in.profile.clientKey
                                                + " "
                                                + in.profile.requests
                                                + " @"
                                                + (in.timestampMillis - T0) / 1000
                                        : "evidence " + in.evidence.a + "-" + in.evidence.b)
                .toList();
    }

    @Test
    void linkedClientsSendTheirProfileAtOnceThenAtMostOncePerIntervalAndEvidenceOnce()
            throws Exception {
        request("c1", T0 + MIN);
        request("c2", T0 + MIN);
        request("c3", T0 + MIN);
        watermark(T0 + 2 * MIN);
        assertThat(outputs()).as("nobody is linked yet").isEmpty();

        evidence("acme:c1", "acme:c2", T0 + 3 * MIN);
        request("c1", T0 + 3 * MIN + 30_000); // within the send interval: not sent
        request("c1", T0 + 5 * MIN); // after it: sent
        request("c3", T0 + 5 * MIN); // not linked: never sent
        watermark(T0 + 6 * MIN);
        assertThat(outputs())
                .containsExactlyInAnyOrder(
                        "evidence acme:c1-acme:c2",
                        "profile acme:c1 1 @180",
                        "profile acme:c2 1 @180",
                        "profile acme:c1 3 @300");
    }

    @Test
    void aClientSilentForAWindowIsForgottenWithItsTimers() throws Exception {
        request("c1", T0 + MIN);
        request("c2", T0 + MIN);
        evidence("acme:c1", "acme:c2", T0 + 2 * MIN);
        watermark(T0 + 3 * MIN);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        watermark(T0 + 2 * MIN + POLICY.windowMillis() + HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        // Forgotten means unlinked: a new request is not sent to the cluster step.
        int sent = outputs().size();
        request("c1", T0 + 4 * HOUR);
        watermark(T0 + 4 * HOUR + 1);
        assertThat(outputs()).hasSize(sent);
    }
}
