package dev.exdetect.job.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * How many clients the detection step holds state for, per parallel instance: the "clients" gauge,
 * the operator's state size in clients.
 *
 * <p>The count must stay right across a restore and a rescale, when clients move between instances.
 * So it is kept per key group (the unit in which Flink moves keyed state) and checkpointed as union
 * operator state: after a restore every instance sees every key group's count and keeps those of
 * the key groups it now owns.
 */
final class ClientCounts {
    private static final ListStateDescriptor<Tuple2<Integer, Long>> STATE =
            new ListStateDescriptor<>("client-counts", Types.TUPLE(Types.INT, Types.LONG));

    private final int maxParallelism;
    private final KeyGroupRange owned;
    private final ListState<Tuple2<Integer, Long>> checkpointed;
    private final Map<Integer, Long> perKeyGroup = new TreeMap<>();
    private long total;

    private ClientCounts(
            int maxParallelism, KeyGroupRange owned, ListState<Tuple2<Integer, Long>> state) {
        this.maxParallelism = maxParallelism;
        this.owned = owned;
        this.checkpointed = state;
    }

    /** The counts of this instance, restored from the last checkpoint when there is one. */
    static ClientCounts restore(OperatorStateStore store, TaskInfo task) throws Exception {
        int maxParallelism = task.getMaxNumberOfParallelSubtasks();
        KeyGroupRange owned =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        maxParallelism,
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        ClientCounts counts =
                new ClientCounts(maxParallelism, owned, store.getUnionListState(STATE));
        for (Tuple2<Integer, Long> entry : counts.checkpointed.get()) {
            if (owned.contains(entry.f0)) {
                counts.perKeyGroup.merge(entry.f0, entry.f1, Long::sum);
                counts.total += entry.f1;
            }
        }
        return counts;
    }

    /** A client's state was created. */
    void added(String key) {
        perKeyGroup.merge(keyGroup(key), 1L, Long::sum);
        total++;
    }

    /** A client's state was dropped. */
    void removed(String key) {
        perKeyGroup.merge(keyGroup(key), -1L, Long::sum);
        total--;
    }

    /** Clients this instance holds. */
    long total() {
        return total;
    }

    /** Writes the counts into the checkpoint. */
    void snapshot() throws Exception {
        List<Tuple2<Integer, Long>> entries = new ArrayList<>();
        perKeyGroup.forEach(
                (group, n) -> {
                    if (n != 0) {
                        entries.add(Tuple2.of(group, n));
                    }
                });
        checkpointed.update(entries);
    }

    private int keyGroup(String key) {
        int group = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
        assert owned.contains(group);
        return group;
    }
}
