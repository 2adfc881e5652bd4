package dev.exdetect.job.rules;

import dev.exdetect.job.output.OutputRecord;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;

/**
 * The descriptors the rules share between operators, in one place (as the Flink fraud-detection
 * demo keeps its rules descriptor): the broadcast state every rule-reading operator keeps, and the
 * side outputs for refused rule updates and rule exports.
 */
public final class Descriptors {
    private Descriptors() {}

    /**
     * Broadcast state of every operator connected to the rules stream: rule versions, pack settings
     * and overrides as canonical JSON text, keyed as {@link RuleBook} names them. Text, so that a
     * checkpoint is readable and independent of the compiled classes; each operator instance
     * compiles it once into its {@link RuleBook}.
     */
    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);

    /** Refused rule updates, with line and reason. */
    public static final OutputTag<OutputRecord> REJECTED_RULES =
            new OutputTag<>("rejected-rules", TypeInformation.of(OutputRecord.class));

    /** The rules in force, written on an export command. */
    public static final OutputTag<OutputRecord> RULES_EXPORT =
            new OutputTag<>("rules-export", TypeInformation.of(OutputRecord.class));
}
