package dev.exdetect.job.testing;

import dev.exdetect.job.request.RawRecord;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** A bounded Flink source of in-memory raw records, for pipeline tests. */
public final class InMemorySource {
    private InMemorySource() {}

    /** A source emitting {@code records} in order. */
    public static DataGeneratorSource<RawRecord> of(List<RawRecord> records) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, records.toArray(new RawRecord[0])),
                records.size(),
                type);
    }
}
