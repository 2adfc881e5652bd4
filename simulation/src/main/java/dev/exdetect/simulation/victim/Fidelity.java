package dev.exdetect.simulation.victim;

/**
 * Fidelity of a stolen model: the share of rows on which it predicts the same class as the victim
 * (label agreement, as in the model-extraction literature). Measured on rows the attacker never
 * sent.
 */
public final class Fidelity {
    private Fidelity() {}

    /**
     * Share of {@code rows} on which {@code surrogate} and {@code victim} predict the same class.
     */
    public static double agreement(
            LogisticRegression surrogate, LogisticRegression victim, double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("fidelity needs at least one row");
        }
        int same = 0;
        for (double[] row : rows) {
            if (surrogate.predict(row) == victim.predict(row)) {
                same++;
            }
        }
        return (double) same / rows.length;
    }
}
