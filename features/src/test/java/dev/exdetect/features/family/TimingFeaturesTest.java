package dev.exdetect.features.family;

import static dev.exdetect.features.testing.TestClient.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.testing.SyntheticQueries;
import dev.exdetect.features.testing.TestClient;
import org.junit.jupiter.api.Test;

class TimingFeaturesTest {
    private static final long HOUR = 3_600_000L;

    private static FeatureVector report(TimingState s, long t) {
        FeatureVector v = new FeatureVector();
        TimingFeatures.report(s, t, v);
        return v;
    }

    @Test
    void aScriptOnATimerIsPerfectlyRegularAndActiveAroundTheClock() {
        TimingState s = TimingFeatures.newState();
        long t = T0;
        for (int i = 0; i < 2 * 24 * 60; i++) { // one request a minute for two days
            t = T0 + i * 60_000L;
            TimingFeatures.update(s, t);
        }
        FeatureVector v = report(s, t);
        assertThat(v.get(Feature.INTER_ARRIVAL_CV)).isCloseTo(0, within(1e-9));
        assertThat(v.get(Feature.BURSTINESS)).isCloseTo(-1, within(1e-9));
        assertThat(v.get(Feature.ACTIVE_HOURS_LAST_WEEK)).isEqualTo(24);
        assertThat(v.get(Feature.REQUESTS_LAST_MINUTE)).isEqualTo(1);
        assertThat(v.get(Feature.REQUESTS_LAST_HOUR)).isEqualTo(60);
        // 24 h of one-hour buckets: the current (partial) bucket plus 23 full ones.
        assertThat(v.get(Feature.REQUESTS_LAST_DAY)).isEqualTo(23 * 60 + 60);
    }

    @Test
    void aPersonWorksInBurstsDuringOfficeHours() {
        SyntheticQueries g = new SyntheticQueries(31, 10);
        TimingState s = TimingFeatures.newState();
        long t = T0;
        for (int day = 0; day < 5; day++) {
            for (int hour = 9; hour < 17; hour++) {
                // A burst of 5 requests a few seconds apart, once an hour.
                long start = T0 + day * 24 * HOUR + hour * HOUR + g.nextInt(600_000);
                for (int k = 0; k < 5; k++) {
                    t = start + k * (2000 + g.nextInt(3000));
                    TimingFeatures.update(s, t);
                }
            }
        }
        FeatureVector v = report(s, t);
        assertThat(v.get(Feature.INTER_ARRIVAL_CV)).isGreaterThan(1.2);
        assertThat(v.get(Feature.BURSTINESS)).isGreaterThan(0.1);
        assertThat(v.get(Feature.ACTIVE_HOURS_LAST_WEEK)).isEqualTo(8);
    }

    @Test
    void lifetimeDaysSpanTheFirstAndLatestRequest() {
        try (TestClient c = new TestClient()) {
            c.text(T0, "first");
            c.text(T0 + 60 * HOUR, "two and a half days later");
            assertThat(c.get(Feature.LIFETIME_DAYS)).isCloseTo(2.5, within(1e-12));
        }
    }

    @Test
    void activeHoursForgetDaysOlderThanAWeek() {
        TimingState s = TimingFeatures.newState();
        TimingFeatures.update(s, T0 + 3 * HOUR); // day 0, 03:00
        TimingFeatures.update(s, T0 + 8 * 24 * HOUR + 10 * HOUR); // day 8, 10:00
        assertThat(report(s, T0 + 8 * 24 * HOUR + 10 * HOUR).get(Feature.ACTIVE_HOURS_LAST_WEEK))
                .isEqualTo(1);
        assertThat(report(s, T0 + 8 * 24 * HOUR).get(Feature.INTER_ARRIVAL_CV)).isNaN();
    }
}
