package dev.exdetect.job.testing;

import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * Flink's operator test harness for a keyed broadcast function, as {@link
 * KeyedBroadcastOperatorTestHarness} is, but with the operator's metrics and accumulators readable:
 * that harness gives the operator metric groups that keep nothing, this one an intercepting group,
 * so a test can assert what the function counted.
 *
 * @param <K> key type
 * @param <IN1> keyed input
 * @param <IN2> broadcast input
 * @param <OUT> main output
 */
public final class MeteredBroadcastHarness<K, IN1, IN2, OUT>
        extends AbstractStreamOperatorTestHarness<OUT> {
    private final CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT> broadcastOperator;
    private final MockEnvironment env;
    private final InterceptingOperatorMetricGroup metrics;

    private MeteredBroadcastHarness(
            CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT> operator,
            KeySelector<IN1, K> keys,
            TypeInformation<K> keyType,
            MockEnvironment env,
            InterceptingOperatorMetricGroup metrics)
            throws Exception {
        super(operator, env);
        this.broadcastOperator = operator;
        this.env = env;
        this.metrics = metrics;
        config.setStatePartitioner(0, keys);
        config.setStateKeySerializer(
                keyType.createSerializer(executionConfig.getSerializerConfig()));
        config.serializeAllConfigs();
    }

    /** An opened harness running {@code function}, one parallel instance. */
    public static <K, IN1, IN2, OUT> MeteredBroadcastHarness<K, IN1, IN2, OUT> open(
            KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function,
            KeySelector<IN1, K> keys,
            TypeInformation<K> keyType,
            MapStateDescriptor<?, ?>... broadcastStates)
            throws Exception {
        InterceptingOperatorMetricGroup operatorMetrics = new InterceptingOperatorMetricGroup();
        TaskMetricGroup taskMetrics =
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(
                            OperatorID id, String name, Map<String, String> variables) {
                        return operatorMetrics;
                    }
                };
        MockEnvironment env =
                new MockEnvironmentBuilder()
                        .setTaskName("MockTask")
                        .setManagedMemorySize(3 * 1024 * 1024)
                        .setMaxParallelism(1)
                        .setParallelism(1)
                        .setSubtaskIndex(0)
                        .setMetricGroup(taskMetrics)
                        .build();
        var harness =
                new MeteredBroadcastHarness<>(
                        new CoBroadcastWithKeyedOperator<>(function, List.of(broadcastStates)),
                        keys,
                        keyType,
                        env,
                        operatorMetrics);
        harness.setup();
        harness.open();
        return harness;
    }

    /** The count of the counter the function registered as {@code name}. */
    public long counter(String name) {
        Counter counter = (Counter) metrics.get(name);
        if (counter == null) {
            throw new AssertionError("no counter " + name + " was registered");
        }
        return counter.getCount();
    }

    /** The local value of the accumulator the function registered as {@code name}. */
    public Object accumulator(String name) {
        Accumulator<?, ?> accumulator = env.getAccumulatorRegistry().getUserMap().get(name);
        if (accumulator == null) {
            throw new AssertionError("no accumulator " + name + " was registered");
        }
        return accumulator.getLocalValue();
    }

    /** Sends {@code value} of event time {@code timestamp} to the keyed input. */
    public void processElement(IN1 value, long timestamp) throws Exception {
        StreamRecord<IN1> record = new StreamRecord<>(value, timestamp);
        broadcastOperator.setKeyContextElement1(record);
        broadcastOperator.processElement1(record);
    }

    /** Sends {@code value} of event time {@code timestamp} to the broadcast input. */
    public void processBroadcastElement(IN2 value, long timestamp) throws Exception {
        StreamRecord<IN2> record = new StreamRecord<>(value, timestamp);
        broadcastOperator.setKeyContextElement2(record);
        broadcastOperator.processElement2(record);
    }

    /** Advances the keyed input's watermark to {@code t}. */
    public void processWatermark(long t) throws Exception {
        broadcastOperator.processWatermark1(new Watermark(t));
    }

    /** Advances the broadcast input's watermark to {@code t}. */
    public void processBroadcastWatermark(long t) throws Exception {
        broadcastOperator.processWatermark2(new Watermark(t));
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            env.close();
        }
    }
}
