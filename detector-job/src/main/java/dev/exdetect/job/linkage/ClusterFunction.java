package dev.exdetect.job.linkage;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.linkage.ClusterFeatures;
import dev.exdetect.features.linkage.LinkEdge;
import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.features.linkage.MemberProfile;
import dev.exdetect.job.model.ClientEvent;
import dev.exdetect.job.model.ClusterVerdict;
import dev.exdetect.job.output.Ids;
import dev.exdetect.job.rules.Descriptors;
import dev.exdetect.job.rules.RuleBook;
import dev.exdetect.job.rules.RuleMessage;
import dev.exdetect.job.time.OrderedBuffer;
import dev.exdetect.rules.scoring.Firing;
import dev.exdetect.rules.scoring.RuleEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The cluster step: applies link evidence and member profiles, in event-time order, to the {@link
 * LinkGraph} of linked accounts (edges with per-group evidence, expiring after the window); after
 * each, finds the cluster of the member it touched, computes the cluster's features from its
 * members' profiles, evaluates the cluster rules, and sends each member of a cluster on which rules
 * fire a {@link ClusterVerdict} (to its detection step, which commands and alerts). A member that
 * joins later gets the verdict when it joins; while rules keep firing, members get it again at most
 * every {@link #VERDICT_INTERVAL_MILLIS}.
 *
 * <p>One instance (a single key), fed only the sparse, rarity-filtered link evidence and profile
 * updates of linked accounts; the heavy part, the index of shared items, runs in parallel before
 * it. Bounded as the graph is; evidence beyond its edge cap is counted and dropped.
 */
public class ClusterFunction
        extends KeyedBroadcastProcessFunction<Integer, ClusterInput, RuleMessage, ClientEvent> {
    /** A member of a cluster on which rules keep firing is re-sent its verdict this often. */
    public static final long VERDICT_INTERVAL_MILLIS = 5 * 60_000L;

    private static final LinkSignal[] SIGNALS = LinkSignal.values();

    private final LinkPolicy policy;
    private transient LinkGraph graph;
    private transient OrderedBuffer<ClusterInput> buffer;
    private transient RuleBook ruleBook;
    private transient Counter droppedEvidence;
    private transient Counter verdicts;

    /** A cluster step with the given link policy. */
    public ClusterFunction(LinkPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        graph = LinkGraph.open(ctx, policy);
        buffer =
                OrderedBuffer.over(
                        ctx.getMapState(
                                OrderedBuffer.descriptor("pending-cluster", ClusterInput.class)),
                        Comparator.comparing(ClusterInput::orderKey));
        droppedEvidence = ctx.getMetricGroup().counter("linkEvidenceDropped");
        verdicts = ctx.getMetricGroup().counter("clusterVerdicts");
    }

    @Override
    public void processElement(ClusterInput in, ReadOnlyContext ctx, Collector<ClientEvent> out)
            throws Exception {
        if (!buffer.add(in, in.timestampMillis, ctx.timerService())) {
            apply(in, ctx, out);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<ClientEvent> out) throws Exception {
        List<Long> times =
                OrderedBuffer.endOfInput(ctx.timerService()) ? buffer.times() : List.of(t);
        for (long time : times) {
            for (ClusterInput in : buffer.take(time)) {
                apply(in, ctx, out);
            }
        }
    }

    @Override
    public void processBroadcastElement(RuleMessage msg, Context ctx, Collector<ClientEvent> out)
            throws Exception {
        BroadcastState<String, String> rules = ctx.getBroadcastState(Descriptors.RULES);
        ruleBook(rules).apply(rules, msg);
    }

    /** Applies one input to the graph, then judges the cluster of the member it touched. */
    private void apply(ClusterInput in, ReadOnlyContext ctx, Collector<ClientEvent> out)
            throws Exception {
        long t = in.timestampMillis;
        graph.sweepIfDue(t);
        if (in.profile != null) {
            graph.putProfile(in.profile, t);
            evaluate(in.profile.clientKey, t, ctx, out);
        } else if (graph.addEvidence(in.evidence, t)) {
            evaluate(in.evidence.a, t, ctx, out);
        } else {
            droppedEvidence.inc(); // the graph is full
        }
    }

    /** Finds the cluster of {@code member}, evaluates the cluster rules, and sends verdicts. */
    private void evaluate(String member, long t, ReadOnlyContext ctx, Collector<ClientEvent> out)
            throws Exception {
        LinkGraph.Cluster cluster = graph.clusterOf(member, t);
        List<MemberProfile> members = graph.profilesOf(cluster.members());
        if (members.size() < 2) {
            return;
        }
        FeatureVector features = ClusterFeatures.compute(members, cluster.links(), t);
        RuleBook book = ruleBook(ctx);
        List<Firing> firings =
                RuleEvaluator.evaluate(
                        book.clusterRulesAt(t),
                        features,
                        (long) features.get(Feature.CLUSTER_REQUESTS_LAST_DAY));
        if (!firings.isEmpty()) {
            sendVerdicts(cluster, members, features, firings, t, out);
        }
    }

    /**
     * Sends the cluster's verdict to each member (with a profile) not sent it yet, sent it for
     * other rules, or sent it at least {@link #VERDICT_INTERVAL_MILLIS} ago.
     */
    private void sendVerdicts(
            LinkGraph.Cluster cluster,
            List<MemberProfile> members,
            FeatureVector features,
            List<Firing> firings,
            long t,
            Collector<ClientEvent> out)
            throws Exception {
        String rules =
                firings.stream()
                        .map(f -> f.rule().id() + "@" + f.rule().version())
                        .sorted()
                        .toList()
                        .toString();
        ClusterVerdict verdict = null; // built only when a member is due one
        for (MemberProfile m : members) {
            Notified last = graph.lastNotified(m.clientKey);
            if (last == null
                    || !last.rules.equals(rules)
                    || t - last.at >= VERDICT_INTERVAL_MILLIS) {
                if (verdict == null) {
                    verdict = verdict(cluster, features, firings);
                }
                out.collect(event(m, verdict, t));
                graph.notified(m.clientKey, new Notified(t, rules));
                verdicts.inc();
            }
        }
    }

    private static ClusterVerdict verdict(
            LinkGraph.Cluster cluster, FeatureVector features, List<Firing> firings) {
        TreeSet<String> members = cluster.members();
        ClusterVerdict v = new ClusterVerdict();
        v.clusterId = Ids.uuid("cluster", members.first());
        v.ruleIds = firings.stream().map(f -> f.rule().id()).toArray(String[]::new);
        v.ruleVersions = firings.stream().mapToInt(f -> f.rule().version()).toArray();
        Map<String, Double> values = features.asMap();
        v.featureNames = values.keySet().toArray(new String[0]);
        v.featureValues = values.values().stream().mapToDouble(Double::doubleValue).toArray();
        v.memberCount = members.size();
        v.members = members.stream().limit(ClusterVerdict.MAX_LISTED).toArray(String[]::new);
        List<LinkEdge> listed =
                cluster.links().stream()
                        .sorted(
                                Comparator.comparingDouble(
                                                (LinkEdge e) ->
                                                        -LinkPolicy.strength(e.groupWeights))
                                        .thenComparing(e -> e.a + e.b))
                        .limit(ClusterVerdict.MAX_LISTED)
                        .toList();
        v.linkA = listed.stream().map(e -> e.a).toArray(String[]::new);
        v.linkB = listed.stream().map(e -> e.b).toArray(String[]::new);
        v.linkStrength =
                listed.stream().mapToDouble(e -> LinkPolicy.strength(e.groupWeights)).toArray();
        v.linkSignals = listed.stream().map(ClusterFunction::signals).toArray(String[]::new);
        return v;
    }

    /** The signals behind an edge with their weights, e.g. {@code subnet 0.42, params 0.37}. */
    private static String signals(LinkEdge e) {
        List<String> parts = new ArrayList<>();
        for (LinkSignal s : SIGNALS) {
            double w = e.signalWeights[s.ordinal()];
            if (w > 0) {
                parts.add(s.id() + " " + Math.round(w * 100) / 100.0);
            }
        }
        return String.join(", ", parts);
    }

    private static ClientEvent event(MemberProfile m, ClusterVerdict v, long t) {
        ClientEvent e = new ClientEvent();
        e.clientId = m.clientId;
        e.tenant = m.tenant;
        e.timestampMillis = t;
        e.requestId = "cluster-" + v.clusterId.substring(0, 8) + "@" + t;
        e.verdict = v;
        return e;
    }

    private RuleBook ruleBook(ReadOnlyContext ctx) throws Exception {
        return ruleBook(ctx.getBroadcastState(Descriptors.RULES));
    }

    /** The rules, compiled from broadcast state on first use after a start or restore. */
    private RuleBook ruleBook(ReadOnlyBroadcastState<String, String> rules) throws Exception {
        if (ruleBook == null) {
            ruleBook = RuleBook.restore(rules.immutableEntries());
        }
        return ruleBook;
    }
}
