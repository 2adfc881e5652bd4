package dev.exdetect.evaluation.defences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exdetect.evaluation.benchmark.Calibration;
import dev.exdetect.job.output.Json;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DefencesTest {
    private static ObjectNode text(String t) {
        ObjectNode r = Json.object();
        r.putObject("input").put("text", t);
        return r;
    }

    private static ObjectNode vector(double[] x, String label) {
        ObjectNode r = Json.object();
        ArrayNode f = r.putObject("input").putArray("features");
        for (double v : x) {
            f.add(v);
        }
        r.putObject("output").put("label", label);
        return r;
    }

    @Test
    void rateLimitScoresTheBusiestMinuteAndFlagsWhereItIsExceeded() {
        RateLimitDefence b = new RateLimitDefence(2);
        long[] times = {0, 10_000, 20_000, 30_000, 50_000, 65_000, 200_000};
        for (int i = 0; i < times.length; i++) {
            b.observe(0, i + 1, times[i], text("q"));
        }
        // Five requests within 60 s (0 to 50 s); at 65 s the first has left the window.
        assertThat(b.score(0).worst()).isEqualTo(5);
        assertThat(b.score(0).firstSeqBeyond(3)).isEqualTo(4);
        assertThat(b.score(0).firstSeqBeyond(5)).isEqualTo(-1);
        b.observe(1, 1, 0, text("q"));
        b.observe(1, 2, 61_000, text("q"));
        assertThat(b.score(1).worst()).isEqualTo(1);
    }

    @Test
    void pradaSeesPerturbedSeedsAsNonNormalAndNaturalQueriesAsNormal() {
        PradaDefence b = new PradaDefence(2);
        Random random = new Random(9);
        // Client 0: independent natural-looking rows.
        for (int i = 1; i <= 600; i++) {
            double[] x = new double[8];
            for (int j = 0; j < 8; j++) {
                x[j] = random.nextGaussian();
            }
            b.observe(0, i, i, vector(x, "a"));
        }
        // Client 1: a few seeds, then small steps from them (as Jacobian augmentation does).
        double[][] seeds = new double[20][8];
        for (double[] s : seeds) {
            for (int j = 0; j < 8; j++) {
                s[j] = 10 * random.nextGaussian();
            }
        }
        for (int i = 1; i <= 600; i++) {
            double[] x = seeds[i % 20].clone();
            for (int j = 0; j < 8; j++) {
                x[j] += (i / 20) * 0.05 * (random.nextBoolean() ? 1 : -1);
            }
            b.observe(1, i, i, vector(x, "a"));
        }
        assertThat(b.score(0).worst()).isGreaterThan(0.9);
        assertThat(b.score(1).worst()).isLessThan(b.score(0).worst() - 0.1);
        // No test before 100 distances (the first query of a class gives none).
        assertThat(b.score(0).firstSeqBeyond(1.01)).isGreaterThanOrEqualTo(101);
    }

    @Test
    void textSketchesOfSharedWordsAreCloserThanOfUnrelatedTexts() {
        float[] a = TextSketch.of("how do I sort a list in python");
        float[] b = TextSketch.of("how do I sort a list in java");
        float[] c = TextSketch.of("recipe for a vegan lasagne with spinach");
        assertThat(distance(a, b)).isLessThan(distance(a, c));
        assertThat(distance(a, TextSketch.of("HOW do I sort a list, in Python?"))).isZero();
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s);
    }

    @Test
    void calibrationPicksTheStrictestThresholdWithinTheFalsePositiveBudget() {
        List<FirstCrossing> benign = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            FirstCrossing f = new FirstCrossing(true);
            f.offer(1, i);
            benign.add(f);
        }
        // 1% of 200 = 2 may be flagged: those above 198.
        double t = Calibration.threshold(benign, 0.01);
        assertThat(t).isEqualTo(198);
        assertThat(benign.stream().filter(f -> f.firstSeqBeyond(t) >= 0).count()).isEqualTo(2);

        List<FirstCrossing> low = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            FirstCrossing f = new FirstCrossing(false);
            f.offer(5, i / 100.0);
            low.add(f);
        }
        double w = Calibration.threshold(low, 0.01);
        assertThat(low.stream().filter(f -> f.firstSeqBeyond(w) >= 0).count()).isEqualTo(1);
    }
}
