package dev.exdetect.job.linkage;

import dev.exdetect.features.Feature;
import dev.exdetect.features.FeatureVector;
import dev.exdetect.features.linkage.ActivityPattern;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The cluster step: keeps the graph of linked accounts (edges with per-group evidence, expiring
 * after the window), finds the cluster of an account as the connected component over strong edges,
 * computes the cluster's features from its members' profiles, evaluates the cluster rules, and
 * sends each member of a cluster on which rules fire a {@link ClusterVerdict} (to its detection
 * step, which commands and alerts). A member that joins later gets the verdict when it joins; while
 * rules keep firing, members get it again at most every {@link #VERDICT_INTERVAL_MILLIS}.
 *
 * <p>One instance (a single key), fed only the sparse, rarity-filtered link evidence and profile
 * updates of linked accounts; the heavy part, the index of shared items, runs in parallel before
 * it. Inputs are processed in event-time order. Bounded: at most {@link #MAX_EDGES} edges and
 * {@link #MAX_CLUSTER} members per cluster; evidence beyond the edge cap is counted and dropped.
 */
public class ClusterFunction
        extends KeyedBroadcastProcessFunction<Integer, ClusterInput, RuleMessage, ClientEvent> {
    /** Edges kept at most. */
    public static final int MAX_EDGES = 200_000;

    /** Members of one cluster looked at, at most. */
    public static final int MAX_CLUSTER = 500;

    /** A member of a cluster on which rules keep firing is re-sent its verdict this often. */
    public static final long VERDICT_INTERVAL_MILLIS = 5 * 60_000L;

    private static final long SWEEP_INTERVAL_MILLIS = 3_600_000L;
    private static final LinkSignal[] SIGNALS = LinkSignal.values();

    private final LinkPolicy policy;
    private transient MapState<String, MemberProfile> profiles;
    private transient MapState<String, LinkEdge> edges;
    private transient MapState<String, String[]> neighbors;
    private transient MapState<String, Notified> notified;
    private transient ValueState<Long> lastSweep;
    private transient ValueState<Integer> edgeCount;
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
        profiles =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "profiles", Types.STRING, TypeInformation.of(MemberProfile.class)));
        edges =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "edges", Types.STRING, TypeInformation.of(LinkEdge.class)));
        neighbors =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "neighbors", Types.STRING, Types.OBJECT_ARRAY(Types.STRING)));
        notified =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "notified", Types.STRING, TypeInformation.of(Notified.class)));
        lastSweep = ctx.getState(new ValueStateDescriptor<>("last-sweep", Types.LONG));
        edgeCount = ctx.getState(new ValueStateDescriptor<>("edge-count", Types.INT));
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

    private void apply(ClusterInput in, ReadOnlyContext ctx, Collector<ClientEvent> out)
            throws Exception {
        long t = in.timestampMillis;
        sweepIfDue(t);
        String start;
        if (in.profile != null) {
            start = in.profile.clientKey;
            profiles.put(start, in.profile);
            String[] linked = neighbors.get(start);
            if (linked != null) {
                for (String other : linked) {
                    updateTiming(start, other, t);
                }
            }
        } else {
            LinkEvidence e = in.evidence;
            String key = LinkEdge.key(e.a, e.b);
            LinkEdge edge = edges.get(key);
            if (edge == null) {
                int count = edgeCount.value() == null ? 0 : edgeCount.value();
                if (count >= MAX_EDGES) {
                    droppedEvidence.inc();
                    return;
                }
                edge = LinkEdge.between(e.a, e.b);
                edgeCount.update(count + 1);
                addNeighbor(e.a, e.b);
                addNeighbor(e.b, e.a);
            }
            edge.add(SIGNALS[e.signal], e.weight, t);
            edges.put(key, edge);
            updateTiming(e.a, e.b, t);
            start = e.a;
        }
        evaluate(start, t, ctx, out);
    }

    /** Adds synchronized-activity evidence to the edge between two members, when both are known. */
    private void updateTiming(String x, String y, long t) throws Exception {
        MemberProfile a = profiles.get(x);
        MemberProfile b = profiles.get(y);
        LinkEdge edge = edges.get(LinkEdge.key(x, y));
        if (a == null || b == null || edge == null) {
            return;
        }
        double similarity = ActivityPattern.similarity(a.activity, b.activity, 6);
        if (similarity >= policy.minTimingSimilarity()) {
            edge.add(LinkSignal.TIMING, similarity, t);
            edges.put(LinkEdge.key(x, y), edge);
        }
    }

    /** Finds the cluster of {@code start}, evaluates the cluster rules, and sends verdicts. */
    private void evaluate(String start, long t, ReadOnlyContext ctx, Collector<ClientEvent> out)
            throws Exception {
        List<LinkEdge> links = new ArrayList<>();
        TreeSet<String> members = component(start, t, links);
        if (members.size() < 2) {
            return;
        }
        List<MemberProfile> known = new ArrayList<>();
        for (String m : members) {
            MemberProfile p = profiles.get(m);
            if (p != null) {
                known.add(p);
            }
        }
        if (known.size() < 2) {
            return;
        }
        FeatureVector features = ClusterFeatures.compute(known, links, t);
        RuleBook book = ruleBook(ctx);
        List<Firing> firings =
                RuleEvaluator.evaluate(
                        book.clusterRulesAt(t),
                        features,
                        (long) features.get(Feature.CLUSTER_REQUESTS_LAST_DAY));
        if (firings.isEmpty()) {
            return;
        }
        String rules =
                firings.stream()
                        .map(f -> f.rule().id() + "@" + f.rule().version())
                        .sorted()
                        .toList()
                        .toString();
        ClusterVerdict verdict = null; // built only when a member is due one
        for (MemberProfile m : known) {
            Notified last = notified.get(m.clientKey);
            if (last == null
                    || !last.rules.equals(rules)
                    || t - last.at >= VERDICT_INTERVAL_MILLIS) {
                if (verdict == null) {
                    verdict = verdict(members, links, features, firings);
                }
                out.collect(event(m, verdict, t));
                notified.put(m.clientKey, new Notified(t, rules));
                verdicts.inc();
            }
        }
    }

    /** The members reachable from {@code start} over strong, unexpired edges (breadth first). */
    private TreeSet<String> component(String start, long t, List<LinkEdge> strongLinks)
            throws Exception {
        TreeSet<String> seen = new TreeSet<>();
        Deque<String> queue = new ArrayDeque<>();
        seen.add(start);
        queue.add(start);
        while (!queue.isEmpty() && seen.size() < MAX_CLUSTER) {
            String m = queue.poll();
            String[] linked = neighbors.get(m);
            if (linked == null) {
                continue;
            }
            for (String other : linked) {
                boolean listed = m.compareTo(other) < 0;
                if (!listed && seen.contains(other)) {
                    continue; // the edge would neither be listed nor reach anyone new
                }
                LinkEdge edge = edges.get(LinkEdge.key(m, other));
                if (edge == null
                        || edge.lastEvidence < t - policy.windowMillis()
                        || !policy.strong(edge.groupWeights)) {
                    continue;
                }
                if (listed) {
                    strongLinks.add(edge);
                }
                if (seen.add(other)) {
                    queue.add(other);
                }
            }
        }
        return seen;
    }

    private static ClusterVerdict verdict(
            TreeSet<String> members,
            List<LinkEdge> links,
            FeatureVector features,
            List<Firing> firings) {
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
                links.stream()
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

    private void addNeighbor(String of, String other) throws Exception {
        String[] list = neighbors.get(of);
        if (list == null) {
            neighbors.put(of, new String[] {other});
        } else if (!Arrays.asList(list).contains(other)) {
            String[] longer = Arrays.copyOf(list, list.length + 1);
            longer[list.length] = other;
            neighbors.put(of, longer);
        }
    }

    /** Once an hour of event time: forget expired edges, lone profiles and old notifications. */
    private void sweepIfDue(long t) throws Exception {
        Long last = lastSweep.value();
        if (last != null && t - last < SWEEP_INTERVAL_MILLIS) {
            return;
        }
        lastSweep.update(t);
        long cutoff = t - policy.windowMillis();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, LinkEdge> e : edges.entries()) {
            if (e.getValue().lastEvidence < cutoff) {
                expired.add(e.getKey());
            }
        }
        for (String key : expired) {
            LinkEdge edge = edges.get(key);
            edges.remove(key);
            removeNeighbor(edge.a, edge.b);
            removeNeighbor(edge.b, edge.a);
        }
        int count = edgeCount.value() == null ? 0 : edgeCount.value();
        edgeCount.update(count - expired.size());
        List<String> lone = new ArrayList<>();
        for (String client : profiles.keys()) {
            if (!neighbors.contains(client)) {
                lone.add(client);
            }
        }
        for (String client : lone) {
            profiles.remove(client);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Notified> n : notified.entries()) {
            if (n.getValue().at < cutoff) {
                stale.add(n.getKey());
            }
        }
        for (String client : stale) {
            notified.remove(client);
        }
    }

    private void removeNeighbor(String of, String other) throws Exception {
        String[] list = neighbors.get(of);
        if (list == null) {
            return;
        }
        String[] kept = Arrays.stream(list).filter(x -> !x.equals(other)).toArray(String[]::new);
        if (kept.length == 0) {
            neighbors.remove(of);
        } else {
            neighbors.put(of, kept);
        }
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
