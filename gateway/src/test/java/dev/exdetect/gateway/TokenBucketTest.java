package dev.exdetect.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void aFullBucketServesItsCapacityThenOneRequestPerRefillInterval() {
        TokenBucket bucket = new TokenBucket(10, 60_000); // 10 per minute: one every 6 s
        long t = 1_000_000;
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake(t)).as("request %d of the burst", i).isZero();
        }
        assertThat(bucket.tryTake(t)).isEqualTo(6_000);
        assertThat(bucket.tryTake(t + 5_999)).isEqualTo(1);
        assertThat(bucket.tryTake(t + 6_000)).isZero();
        assertThat(bucket.tryTake(t + 6_000)).isEqualTo(6_000);
    }

    @Test
    void aLongPauseRefillsNoMoreThanTheCapacity() {
        TokenBucket bucket = new TokenBucket(3, 1_000);
        for (int i = 0; i < 3; i++) {
            bucket.tryTake(0);
        }
        int served = 0;
        for (int i = 0; i < 10; i++) {
            served += bucket.tryTake(3_600_000) == 0 ? 1 : 0;
        }
        assertThat(served).isEqualTo(3);
    }

    @Test
    void aClockGoingBackwardsNeitherRefillsNorBreaksTheBucket() {
        TokenBucket bucket = new TokenBucket(1, 1_000);
        assertThat(bucket.tryTake(10_000)).isZero();
        assertThat(bucket.tryTake(5_000)).isPositive();
        assertThat(bucket.tryTake(10_999)).isPositive();
        assertThat(bucket.tryTake(11_000)).isZero();
    }

    @Test
    void aZeroLimitRefusesEverything() {
        TokenBucket bucket = new TokenBucket(0, 60_000);
        assertThat(bucket.tryTake(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(bucket.tryTake(10_000_000)).isEqualTo(Long.MAX_VALUE);
    }
}
