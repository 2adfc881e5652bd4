package dev.exdetect.job.io;

import dev.exdetect.job.output.OutputRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes each record's {@linkplain OutputRecord#fileLine() file line} to one local file, one JSON
 * document per line. For bounded runs ({@code replay}, {@code rules test}) with a single writer; it
 * makes no exactly-once promise across restarts, which a bounded run does not need.
 */
public final class JsonLinesFileSink implements Sink<OutputRecord> {
    private final String file;

    /** A sink writing to {@code file} (created or truncated). */
    public JsonLinesFileSink(Path file) {
        this.file = file.toAbsolutePath().toString();
    }

    @Override
    public SinkWriter<OutputRecord> createWriter(WriterInitContext context) throws IOException {
        if (context.getTaskInfo().getNumberOfParallelSubtasks() != 1) {
            throw new IllegalStateException(
                    "JsonLinesFileSink needs parallelism 1, got "
                            + context.getTaskInfo().getNumberOfParallelSubtasks());
        }
        Path path = Paths.get(file);
        Files.createDirectories(path.toAbsolutePath().getParent());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        return new SinkWriter<>() {
            @Override
            public void write(OutputRecord record, Context ctx) throws IOException {
                out.write(record.fileLine());
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
