package dev.exdetect.features.linkage;

/**
 * The evidence that two accounts are one actor: per independent group, the strongest weight seen
 * within the window, which signals contributed, and when. A Flink POJO.
 */
public class LinkEdge {
    /** The two accounts, in sorted order. */
    public String a;

    public String b;

    /** Strongest evidence per {@link LinkSignal.Group} (by ordinal). */
    public double[] groupWeights;

    /** Strongest evidence per {@link LinkSignal} (by ordinal), for the alert. */
    public double[] signalWeights;

    /** Event time of the newest evidence. */
    public long lastEvidence;

    /** For Flink's POJO serializer. */
    public LinkEdge() {}

    /** An edge without evidence between {@code x} and {@code y}. */
    public static LinkEdge between(String x, String y) {
        LinkEdge e = new LinkEdge();
        e.a = x.compareTo(y) <= 0 ? x : y;
        e.b = x.compareTo(y) <= 0 ? y : x;
        e.groupWeights = new double[LinkSignal.Group.values().length];
        e.signalWeights = new double[LinkSignal.values().length];
        return e;
    }

    /** The key of the edge between {@code x} and {@code y}, whatever their order. */
    public static String key(String x, String y) {
        return x.compareTo(y) <= 0 ? x + "\u0000" + y : y + "\u0000" + x;
    }

    /** Records evidence of {@code signal} with {@code weight} at {@code t}. */
    public void add(LinkSignal signal, double weight, long t) {
        signalWeights[signal.ordinal()] = Math.max(signalWeights[signal.ordinal()], weight);
        int g = signal.group().ordinal();
        groupWeights[g] = Math.max(groupWeights[g], weight);
        lastEvidence = Math.max(lastEvidence, t);
    }
}
