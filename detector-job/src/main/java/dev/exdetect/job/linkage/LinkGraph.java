package dev.exdetect.job.linkage;

import dev.exdetect.features.linkage.ActivityPattern;
import dev.exdetect.features.linkage.LinkEdge;
import dev.exdetect.features.linkage.LinkPolicy;
import dev.exdetect.features.linkage.LinkSignal;
import dev.exdetect.features.linkage.MemberProfile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The graph of linked accounts, in the cluster step's keyed state: the edges with their evidence,
 * each member's neighbours, the profiles of linked members, and when each member was last sent a
 * verdict. Finds a member's cluster, the connected component over strong, unexpired edges, and once
 * an hour of event time forgets expired edges, profiles left without edges, and old notifications.
 *
 * <p>Bounded: at most {@link #MAX_EDGES} edges and {@link #MAX_CLUSTER} members per cluster.
 *
 * <p>The neighbour lists mirror the edges: a member lists another exactly when the edge between
 * them is stored, and has a list only while it has an edge. Edges are added and removed only
 * together with both list entries, which is what the reads here rely on.
 */
final class LinkGraph {
    /** Edges kept at most. */
    static final int MAX_EDGES = 200_000;

    /** Members of one cluster whose edges are followed, at most. */
    static final int MAX_CLUSTER = 500;

    private static final long SWEEP_INTERVAL_MILLIS = 3_600_000L;

    /** Active slots two members need between them before their timing is compared. */
    private static final int MIN_TIMING_SLOTS = 6;

    private static final LinkSignal[] SIGNALS = LinkSignal.values();

    /**
     * A member's cluster: its members, and the strong links between them, each once, in the order
     * they were found.
     */
    record Cluster(TreeSet<String> members, List<LinkEdge> links) {}

    private final LinkPolicy policy;
    private final MapState<String, MemberProfile> profiles;
    private final MapState<String, LinkEdge> edges;
    private final MapState<String, String[]> neighbors;
    private final MapState<String, Notified> notified;
    private final ValueState<Long> lastSweep;
    private final ValueState<Integer> edgeCount;

    private LinkGraph(LinkPolicy policy, RuntimeContext ctx) {
        this.policy = policy;
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
    }

    /**
     * The graph in the keyed state of {@code ctx}, with evidence lasting as {@code policy} says.
     */
    static LinkGraph open(RuntimeContext ctx, LinkPolicy policy) {
        return new LinkGraph(policy, ctx);
    }

    /** Stores a member's profile, and adds synchronized-activity evidence to its edges. */
    void putProfile(MemberProfile p, long t) throws Exception {
        profiles.put(p.clientKey, p);
        String[] linked = neighbors.get(p.clientKey);
        if (linked == null) {
            return;
        }
        for (String other : linked) {
            MemberProfile q = profiles.get(other);
            if (q != null) {
                String key = LinkEdge.key(p.clientKey, other);
                LinkEdge edge = edges.get(key);
                if (addTiming(edge, p, q, t)) {
                    edges.put(key, edge);
                }
            }
        }
    }

    /**
     * Adds evidence at {@code t} to the edge between its two members (with synchronized-activity
     * evidence when both profiles are known); returns false, and adds nothing, when that would be a
     * new edge beyond {@link #MAX_EDGES}.
     */
    boolean addEvidence(LinkEvidence e, long t) throws Exception {
        String key = LinkEdge.key(e.a, e.b);
        LinkEdge edge = edges.get(key);
        if (edge == null) {
            int count = edgeCount();
            if (count >= MAX_EDGES) {
                return false;
            }
            edge = LinkEdge.between(e.a, e.b);
            edgeCount.update(count + 1);
            addNeighbor(e.a, e.b);
            addNeighbor(e.b, e.a);
        }
        edge.add(SIGNALS[e.signal], e.weight, t);
        MemberProfile a = profiles.get(e.a);
        MemberProfile b = profiles.get(e.b);
        if (a != null && b != null) {
            addTiming(edge, a, b, t);
        }
        edges.put(key, edge);
        return true;
    }

    /** Adds timing evidence to {@code edge} when its members were active together. */
    private boolean addTiming(LinkEdge edge, MemberProfile a, MemberProfile b, long t) {
        double similarity = ActivityPattern.similarity(a.activity, b.activity, MIN_TIMING_SLOTS);
        if (similarity < policy.minTimingSimilarity()) {
            return false;
        }
        edge.add(LinkSignal.TIMING, similarity, t);
        return true;
    }

    /**
     * The cluster of {@code start} at {@code t}: the members reachable from it over strong,
     * unexpired edges, breadth first; once {@link #MAX_CLUSTER} members are found, no further
     * member's edges are followed.
     */
    Cluster clusterOf(String start, long t) throws Exception {
        TreeSet<String> seen = new TreeSet<>();
        List<LinkEdge> strongLinks = new ArrayList<>();
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
                if (edge.lastEvidence < t - policy.windowMillis()
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
        return new Cluster(seen, strongLinks);
    }

    /** The profiles known of {@code members}, in their order. */
    List<MemberProfile> profilesOf(Collection<String> members) throws Exception {
        List<MemberProfile> known = new ArrayList<>();
        for (String m : members) {
            MemberProfile p = profiles.get(m);
            if (p != null) {
                known.add(p);
            }
        }
        return known;
    }

    /** When {@code member} was last sent a verdict, and for which rules; null when never. */
    Notified lastNotified(String member) throws Exception {
        return notified.get(member);
    }

    /** Records that {@code member} was sent a verdict. */
    void notified(String member, Notified n) throws Exception {
        notified.put(member, n);
    }

    /**
     * Once an hour of event time: forgets edges without evidence within the window, profiles of
     * members left without edges, and notifications older than the window.
     */
    void sweepIfDue(long t) throws Exception {
        Long last = lastSweep.value();
        if (last != null && t - last < SWEEP_INTERVAL_MILLIS) {
            return;
        }
        lastSweep.update(t);
        long cutoff = t - policy.windowMillis();
        removeEdgesOlderThan(cutoff);
        removeProfilesWithoutEdges();
        removeNotificationsOlderThan(cutoff);
    }

    private void removeEdgesOlderThan(long cutoff) throws Exception {
        List<LinkEdge> expired = new ArrayList<>();
        for (LinkEdge edge : edges.values()) {
            if (edge.lastEvidence < cutoff) {
                expired.add(edge);
            }
        }
        for (LinkEdge edge : expired) {
            edges.remove(LinkEdge.key(edge.a, edge.b));
            removeNeighbor(edge.a, edge.b);
            removeNeighbor(edge.b, edge.a);
        }
        edgeCount.update(edgeCount() - expired.size());
    }

    private void removeProfilesWithoutEdges() throws Exception {
        List<String> lone = new ArrayList<>();
        for (String client : profiles.keys()) {
            if (!neighbors.contains(client)) {
                lone.add(client);
            }
        }
        for (String client : lone) {
            profiles.remove(client);
        }
    }

    private void removeNotificationsOlderThan(long cutoff) throws Exception {
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

    private int edgeCount() throws Exception {
        Integer count = edgeCount.value();
        return count == null ? 0 : count;
    }

    /** Adds {@code other} to the neighbours of {@code of}; called for new edges only. */
    private void addNeighbor(String of, String other) throws Exception {
        String[] list = neighbors.get(of);
        if (list == null) {
            neighbors.put(of, new String[] {other});
        } else {
            String[] longer = Arrays.copyOf(list, list.length + 1);
            longer[list.length] = other;
            neighbors.put(of, longer);
        }
    }

    private void removeNeighbor(String of, String other) throws Exception {
        String[] kept =
                Arrays.stream(neighbors.get(of))
                        .filter(x -> !x.equals(other))
                        .toArray(String[]::new);
        if (kept.length == 0) {
            neighbors.remove(of);
        } else {
            neighbors.put(of, kept);
        }
    }
}
