package dev.exdetect.evaluation.defences;

import dev.exdetect.features.hash.Hashing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fits the MMD baseline on benign traffic only: the benign clients of the calibration world are
 * split in two halves by a hash of their id; the reference is a sample of the first half's queries
 * (at most a few per client, so that busy apps do not make the reference theirs), and the threshold
 * is chosen (by the caller, for a false-positive budget) from the second half's windows compared
 * with that reference: benign against benign, never an attacker. Attackers given to it are dropped
 * before anything is computed.
 */
public final class MmdCalibration {
    /** Queries per window. */
    public static final int WINDOW = 32;

    /** Queries in the reference. */
    public static final int REFERENCE_SIZE = 256;

    /**
     * One client's chat queries, in order.
     *
     * @param clientId its id (splits the benign clients into halves)
     * @param benign its role in the ground truth
     * @param seqs request numbers of the queries
     * @param texts the queries
     */
    public record ClientTexts(
            String clientId, boolean benign, List<Long> seqs, List<String> texts) {}

    /**
     * What was fitted.
     *
     * @param reference the reference, its threshold still NaN
     * @param benignScores the second half's clients' scores against it
     * @param referenceClients benign clients the reference was drawn from
     */
    public record Fit(
            MmdReference reference, List<FirstCrossing> benignScores, int referenceClients) {}

    private MmdCalibration() {}

    /** Fits on the benign ones of {@code clients}; {@code seed} draws the reference sample. */
    public static Fit fit(List<ClientTexts> clients, long seed) {
        List<ClientTexts> referenceHalf = new ArrayList<>();
        List<ClientTexts> thresholdHalf = new ArrayList<>();
        for (ClientTexts c : clients) {
            if (!c.benign()) {
                continue;
            }
            if ((Hashing.hashString(c.clientId()) & 1) == 0) {
                referenceHalf.add(c);
            } else {
                thresholdHalf.add(c);
            }
        }
        if (referenceHalf.isEmpty() || thresholdHalf.isEmpty()) {
            throw new IllegalArgumentException(
                    "the MMD baseline needs benign chat clients in both halves of the calibration"
                            + " world");
        }
        MmdReference ref = MmdReference.of(sample(referenceHalf, seed), WINDOW, Double.NaN);
        List<FirstCrossing> scores = new ArrayList<>();
        MmdDefence scorer = new MmdDefence(ref, thresholdHalf.size());
        for (int i = 0; i < thresholdHalf.size(); i++) {
            ClientTexts c = thresholdHalf.get(i);
            for (int q = 0; q < c.texts().size(); q++) {
                scorer.observeText(i, c.seqs().get(q), c.texts().get(q));
            }
            scores.add(scorer.score(i));
        }
        return new Fit(ref, List.copyOf(scores), referenceHalf.size());
    }

    /**
     * Up to {@link #REFERENCE_SIZE} embeddings: from each client a few queries spread over its
     * traffic (twice its fair share), then a seeded sample of those.
     */
    private static List<float[]> sample(List<ClientTexts> clients, long seed) {
        int perClient = Math.max(1, (int) Math.ceil(2.0 * REFERENCE_SIZE / clients.size()));
        List<float[]> pool = new ArrayList<>();
        try (QueryEmbedding embedding = new QueryEmbedding()) {
            for (ClientTexts c : clients) {
                int n = c.texts().size();
                int take = Math.min(perClient, n);
                for (int k = 0; k < take; k++) {
                    QueryEmbedding.Vector v =
                            embedding.of(c.texts().get((int) ((long) k * n / take)));
                    if (v.index().length > 0) {
                        pool.add(v.dense());
                    }
                }
            }
        }
        Collections.shuffle(pool, new Random(seed));
        return pool.size() > REFERENCE_SIZE ? pool.subList(0, REFERENCE_SIZE) : pool;
    }
}
