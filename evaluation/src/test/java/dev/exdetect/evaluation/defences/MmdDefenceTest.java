package dev.exdetect.evaluation.defences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.exdetect.simulation.corpus.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MMD baseline: its statistic, and a calibration on benign traffic only. */
class MmdDefenceTest {
    private static final Corpus CORPUS = Corpus.builtIn();

    /** Benign-looking clients: questions of a few topics each. */
    private static List<MmdCalibration.ClientTexts> people(int n, long seed) {
        Random r = new Random(seed);
        List<MmdCalibration.ClientTexts> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            List<Long> seqs = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            int topic = r.nextInt(CORPUS.questions().size());
            for (int q = 0; q < 40 + r.nextInt(40); q++) {
                seqs.add((long) q + 1);
                texts.add(
                        CORPUS.questions()
                                .get((topic + r.nextInt(200)) % CORPUS.questions().size()));
            }
            out.add(new MmdCalibration.ClientTexts("person-" + seed + "-" + c, true, seqs, texts));
        }
        return out;
    }

    /** Attackers: extraction prompts, far from the people's questions. */
    private static List<MmdCalibration.ClientTexts> attackers(int n) {
        List<MmdCalibration.ClientTexts> out = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            List<Long> seqs = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (int q = 0; q < 200; q++) {
                seqs.add((long) q + 1);
                texts.add(CORPUS.extractionPrompts().get(c * 200 + q));
            }
            out.add(new MmdCalibration.ClientTexts("attacker-" + c, false, seqs, texts));
        }
        return out;
    }

    @Test
    void calibrationUsesBenignClientsOnly() {
        List<MmdCalibration.ClientTexts> benign = people(60, 1);
        List<MmdCalibration.ClientTexts> mixed = new ArrayList<>(benign);
        // Attackers whose windows would widen the threshold and enter the reference if used.
        mixed.addAll(1, attackers(15));
        MmdCalibration.Fit clean = MmdCalibration.fit(benign, 5);
        MmdCalibration.Fit withAttackers = MmdCalibration.fit(mixed, 5);
        assertThat(withAttackers.reference().gamma()).isEqualTo(clean.reference().gamma());
        assertThat(withAttackers.reference().referenceMeanKernel())
                .isEqualTo(clean.reference().referenceMeanKernel());
        assertThat(withAttackers.reference().reference())
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(clean.reference().reference());
        assertThat(withAttackers.benignScores())
                .extracting(FirstCrossing::worst)
                .containsExactlyElementsOf(
                        clean.benignScores().stream().map(FirstCrossing::worst).toList());
        assertThat(withAttackers.referenceClients() + withAttackers.benignScores().size())
                .isEqualTo(60);
    }

    @Test
    void theIncrementalWindowIsTheUnbiasedMmdOfItsLastQueries() {
        MmdReference ref = MmdCalibration.fit(people(40, 2), 3).reference();
        MmdDefence mmd = new MmdDefence(ref, 1);
        List<String> texts = new ArrayList<>();
        Random r = new Random(4);
        for (int q = 0; q < 70; q++) {
            texts.add(
                    r.nextBoolean()
                            ? CORPUS.questions().get(r.nextInt(500))
                            : CORPUS.extractionPrompts().get(q));
            mmd.observeText(0, q + 1, texts.get(q));
        }
        // The score after the last query, recomputed from scratch over its window.
        try (QueryEmbedding e = new QueryEmbedding()) {
            List<QueryEmbedding.Vector> w = new ArrayList<>();
            for (String t : texts.subList(texts.size() - ref.window(), texts.size())) {
                w.add(e.of(t));
            }
            int n = w.size();
            double xx = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (i != j) {
                        double d2 =
                                w.get(i).squaredNorm()
                                        + w.get(j).squaredNorm()
                                        - 2 * w.get(i).dot(w.get(j));
                        xx += Math.exp(-ref.gamma() * Math.max(0, d2));
                    }
                }
            }
            double xy = 0;
            for (QueryEmbedding.Vector x : w) {
                xy += MmdDefence.meanKernel(x, ref);
            }
            double expected = xx / (n * (n - 1.0)) + ref.referenceMeanKernel() - 2 * xy / n;
            FirstCrossing s = mmd.score(0);
            // The last score may not be the worst; the worst is at least it.
            assertThat(s.worst()).isGreaterThanOrEqualTo(expected - 1e-9);
            MmdDefence again = new MmdDefence(ref, 1);
            for (int q = texts.size() - ref.window(); q < texts.size(); q++) {
                again.observeText(0, q + 1, texts.get(q));
            }
            assertThat(again.score(0).worst()).isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void extractionPromptsAreFartherFromTheBenignReferenceThanOtherPeoplesQuestions() {
        MmdReference ref = MmdCalibration.fit(people(60, 6), 3).reference();
        MmdDefence mmd = new MmdDefence(ref, 2);
        MmdCalibration.ClientTexts person = people(1, 99).get(0);
        MmdCalibration.ClientTexts attacker = attackers(1).get(0);
        for (int q = 0; q < person.texts().size(); q++) {
            mmd.observeText(0, q + 1, person.texts().get(q));
        }
        for (int q = 0; q < attacker.texts().size(); q++) {
            mmd.observeText(1, q + 1, attacker.texts().get(q));
        }
        assertThat(mmd.score(1).worst()).isGreaterThan(2 * mmd.score(0).worst());
    }
}
