package dev.exdetect.features.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecentFlagsTest {

    @Test
    void emptyRatioIsZero() {
        RecentFlags f = new RecentFlags();
        assertThat(f.count).isZero();
        assertThat(f.ratio()).isZero();
    }

    @Test
    void ratioIsOverTheLast64Only() {
        RecentFlags f = new RecentFlags();
        for (int i = 0; i < 64; i++) {
            f.add(true);
        }
        assertThat(f.ratio()).isEqualTo(1.0);
        for (int i = 0; i < 32; i++) {
            f.add(false);
        }
        assertThat(f.count).isEqualTo(64);
        assertThat(f.ratio()).isEqualTo(0.5);
        for (int i = 0; i < 32; i++) {
            f.add(false);
        }
        assertThat(f.ratio()).isZero();
        f.add(true);
        assertThat(f.ratio()).isEqualTo(1.0 / 64);
    }

    @Test
    void matchesAListOfTheLast64OnRandomSequences() {
        Random random = new Random(51);
        for (int run = 0; run < 50; run++) {
            double p = random.nextDouble();
            RecentFlags f = new RecentFlags();
            List<Boolean> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                boolean flag = random.nextDouble() < p;
                f.add(flag);
                all.add(flag);
                List<Boolean> last = all.subList(Math.max(0, all.size() - 64), all.size());
                long trues = last.stream().filter(b -> b).count();
                assertThat(f.count).isEqualTo(last.size());
                assertThat(f.ratio()).isEqualTo((double) trues / last.size());
            }
        }
    }
}
