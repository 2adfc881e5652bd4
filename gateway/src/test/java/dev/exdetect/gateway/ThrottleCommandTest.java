package dev.exdetect.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ThrottleCommandTest {
    /** The example of docs/FORMATS.md, as the detector writes it. */
    private static final String EXAMPLE =
            "{\"schema\":\"exdetect.throttle.v1\",\"command_id\":\"cd0d3393-34d4-5143-922b-76276d78d3be\","
                    + "\"client_id\":\"prober-1\",\"tenant\":\"contoso\",\"action\":\"THROTTLE\","
                    + "\"limit\":{\"requests\":10,\"per_seconds\":60},\"issued_at\":1793613614222,"
                    + "\"expires_at\":1793614514222,\"version\":1,\"trigger_request_id\":\"prober-1-40\","
                    + "\"reason\":{\"alert_id\":\"3e21f378\",\"rule_ids\":[\"near-duplicate-probing\"],\"risk_score\":0.75}}";

    private static ThrottleCommand parse(String json) throws Exception {
        return ThrottleCommand.parse("contoso:prober-1", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheContractExample() throws Exception {
        ThrottleCommand c = parse(EXAMPLE);
        assertThat(c.key()).isEqualTo("contoso:prober-1");
        assertThat(c.action()).isEqualTo(ThrottleCommand.Action.THROTTLE);
        assertThat(c.limitRequests()).isEqualTo(10);
        assertThat(c.limitPerSeconds()).isEqualTo(60);
        assertThat(c.expiresAt()).isEqualTo(1793614514222L);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.activeAt(1793614514221L)).isTrue();
        assertThat(c.activeAt(1793614514222L)).isFalse();
    }

    @Test
    void refusesWhatItCannotEnforceWithTheReason() {
        assertThatThrownBy(() -> parse("not json")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> parse(EXAMPLE.replace("\"THROTTLE\"", "\"SLOW\"")))
                .hasMessageContaining("unknown action 'SLOW'");
        assertThatThrownBy(() -> parse(EXAMPLE.replace("\"version\":1", "\"version\":\"one\"")))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> parse(EXAMPLE.replace("\"per_seconds\":60", "\"per_seconds\":0")))
                .hasMessageContaining("per_seconds");
        assertThatThrownBy(
                        () ->
                                parse(
                                        EXAMPLE.replace(
                                                "\"expires_at\":1793614514222",
                                                "\"expires_at\":\"soon\"")))
                .hasMessageContaining("expires_at");
        assertThatThrownBy(() -> ThrottleCommand.parse(null, EXAMPLE.getBytes()))
                .hasMessageContaining("no key");
    }
}
