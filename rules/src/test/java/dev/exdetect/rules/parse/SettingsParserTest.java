package dev.exdetect.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.exdetect.rules.model.Action;
import dev.exdetect.rules.model.ResponsePolicy;
import dev.exdetect.rules.model.RuleSettings;
import dev.exdetect.rules.model.SeverityBands;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link SettingsParser}: a {@code settings} block on its own (a rule-topic message). {@link
 * RulePackParserTest} and {@link OverridesAndPolicyParserTest} have the common cases inside a pack;
 * these are the other branches.
 */
class SettingsParserTest {
    private static RuleSettings settings(String yaml) throws RuleFileException {
        return RulePackParser.parseSettings("m", yaml);
    }

    private static RuleFileException refused(String yaml) {
        RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> settings(yaml));
        assertThat(e).as("must be refused:\n%s", yaml).isNotNull();
        return e;
    }

    @Test
    void whatIsLeftOutKeepsItsDefault() throws Exception {
        RuleSettings d = RuleSettings.defaults();
        assertThat(settings("dry_run: true\nseverity: {critical: 0.95}\n"))
                .isEqualTo(
                        new RuleSettings(
                                new SeverityBands(0.4, 0.7, 0.95),
                                d.suppressFor(),
                                true,
                                d.response()));
        assertThat(settings("response: {max_action: throttle}\n").response())
                .isEqualTo(
                        new ResponsePolicy(
                                Duration.ofMinutes(30),
                                Action.THROTTLE,
                                0.3,
                                Duration.ofMinutes(15),
                                ResponsePolicy.defaults().throttleLimit()));
    }

    @Test
    void bandsLeftOutStillHaveToRise() {
        assertThat(refused("severity: {high: 0.95}\n"))
                .hasMessage(
                        "m:1:11: severity bands must rise: medium < high < critical, got 0.4,"
                                + " 0.95, 0.9");
    }

    @Test
    void fractionsMayBeOneButNotZero() throws Exception {
        RuleSettings s =
                settings(
                        "severity: {medium: 0.5, high: 0.8, critical: 1}\nresponse: {release_below: 1}\n");
        assertThat(s.severity().critical()).isEqualTo(1.0);
        assertThat(s.response().releaseBelow()).isEqualTo(1.0);
        assertThat(refused("response: {release_below: 0}\n"))
                .hasMessage("m:1:27: 'release_below' must be in (0, 1], got 0.0");
        assertThat(refused("severity: {medium: 0}\n"))
                .hasMessage("m:1:20: severity 'medium' must be in (0, 1], got 0.0");
    }

    @Test
    void escalationMayBeSwitchedOffButTheCoolDownMustBePositive() throws Exception {
        assertThat(settings("response: {escalate_after: 0s}\n").response().escalateAfter())
                .isZero();
        assertThat(refused("response: {cool_down: 0ms}\n"))
                .hasMessage("m:1:23: 'cool_down' must be positive");
        assertThat(refused("response: {cool_down: -PT1M}\n"))
                .hasMessage("m:1:23: 'cool_down': must not be negative");
        assertThat(refused("suppress_for: 300000000000000d\n"))
                .hasMessage("m:1:15: 'suppress_for': '300000000000000d' is too long");
    }

    @Test
    void theMaxActionMustEnforce() {
        assertThat(refused("response: {max_action: ALLOW}\n"))
                .hasMessage("m:1:24: 'max_action' must be DEGRADE, THROTTLE or BLOCK, got ALLOW");
        assertThat(refused("response: {max_action: KILL}\n"))
                .hasMessage(
                        "m:1:24: 'max_action' must be one of [MONITOR, DEGRADE, THROTTLE, BLOCK,"
                                + " ALLOW], got 'KILL'");
    }

    @Test
    void theThrottleLimitIsARateOfPositiveWholeNumbers() throws Exception {
        assertThat(
                        settings(
                                        "response: {throttle_limit: {requests: 1, per_seconds: 2147483647}}\n")
                                .response()
                                .throttleLimit()
                                .perSeconds())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(refused("response: {throttle_limit: {requests: 5}}\n"))
                .hasMessage("m:1:28: 'settings.response': 'limit' lacks 'per_seconds'");
        assertThat(refused("response: {throttle_limit: 5}\n"))
                .hasMessage(
                        "m:1:28: 'settings.response': 'limit' must be a mapping (key: value"
                                + " lines)");
        assertThat(refused("response: {throttle_limit: {requests: 5, per_seconds: 2147483648}}\n"))
                .hasMessage(
                        "m:1:55: 'settings.response': 'limit.per_seconds' must be a positive"
                                + " whole number");
    }

    @Test
    void eachBlockMustBeAMappingOfKnownKeys() {
        assertThat(refused("[a]\n"))
                .hasMessage("m:1:1: 'settings' must be a mapping (key: value lines)");
        assertThat(refused("response: 5\n"))
                .hasMessage("m:1:11: 'settings.response' must be a mapping (key: value lines)");
        assertThat(refused("severity: 0.5\n"))
                .hasMessage("m:1:11: 'severity' must be a mapping (key: value lines)");
        assertThat(refused("severity: {low: 0.1}\n"))
                .hasMessage(
                        "m:1:12: unknown key 'low' in 'severity'; allowed: critical, high, medium");
        assertThat(refused("response: {cooldown: 5m}\n"))
                .hasMessage(
                        "m:1:12: unknown key 'cooldown' in 'settings.response'; did you mean"
                                + " 'cool_down'?");
    }
}
