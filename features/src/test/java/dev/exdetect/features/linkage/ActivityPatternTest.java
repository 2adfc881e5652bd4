package dev.exdetect.features.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-wise similarity of activity patterns gives exactly the slot-by-slot definition. */
class ActivityPatternTest {
    private static final long SLOT = ActivityPattern.SLOT_MILLIS;

    /**
     * The definition: Jaccard of active slots over the day before the newer pattern, slot by slot.
     */
    private static double reference(ActivityPattern a, ActivityPattern b, int minSlots) {
        if (a.newestSlot == Long.MIN_VALUE || b.newestSlot == Long.MIN_VALUE) {
            return 0;
        }
        long newest = Math.max(a.newestSlot, b.newestSlot);
        int both = 0;
        int either = 0;
        for (long s = newest - ActivityPattern.SLOTS + 1; s <= newest; s++) {
            boolean x = a.active(s);
            boolean y = b.active(s);
            if (x && y) {
                both++;
            }
            if (x || y) {
                either++;
            }
        }
        return either < minSlots ? 0 : (double) both / either;
    }

    @Test
    void wordWiseSimilarityEqualsTheSlotBySlotDefinition() {
        SplittableRandom random = new SplittableRandom(7);
        int compared = 0;
        for (int round = 0; round < 2_000; round++) {
            ActivityPattern a = ActivityPattern.empty();
            ActivityPattern b = ActivityPattern.empty();
            // Start anywhere (also before the epoch), so the window starts at every ring offset.
            long base = random.nextLong(-1_000_000, 1_000_000) * SLOT;
            long ta = base + random.nextLong(0, 600) * SLOT;
            long tb = base + random.nextLong(0, 600) * SLOT;
            int steps = random.nextInt(0, 400);
            for (int i = 0; i < steps; i++) {
                boolean onA = random.nextBoolean();
                long t = onA ? ta : tb;
                // Mostly forward in small steps, sometimes a jump of days, sometimes late events.
                int kind = random.nextInt(20);
                long step =
                        kind == 0
                                ? random.nextLong(200, 900) * SLOT
                                : kind == 1
                                        ? -random.nextLong(0, 400) * SLOT
                                        : random.nextLong(0, 4) * SLOT;
                t += step + random.nextLong(0, SLOT);
                (onA ? a : b).add(t);
                if (onA) {
                    ta = Math.max(ta, t);
                } else {
                    tb = Math.max(tb, t);
                }
                if (random.nextInt(8) == 0) {
                    for (int minSlots : new int[] {0, 1, 6, 40}) {
                        assertThat(ActivityPattern.similarity(a, b, minSlots))
                                .isEqualTo(reference(a, b, minSlots));
                        assertThat(ActivityPattern.similarity(b, a, minSlots))
                                .isEqualTo(reference(b, a, minSlots));
                        assertThat(ActivityPattern.similarity(a, a, minSlots))
                                .isEqualTo(reference(a, a, minSlots));
                    }
                    compared++;
                }
            }
            assertThat(ActivityPattern.similarity(a, b, 6)).isEqualTo(reference(a, b, 6));
        }
        assertThat(compared).isGreaterThan(10_000);
    }
}
