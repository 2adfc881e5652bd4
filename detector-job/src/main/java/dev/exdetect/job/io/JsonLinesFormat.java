package dev.exdetect.job.io;

import dev.exdetect.job.request.RawRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.Path;

/**
 * Reads JSON-lines files ({@code .jsonl}, or gzip-compressed {@code .jsonl.gz}) as {@link
 * RawRecord}s: one per non-blank line, with the bytes as they are (invalid UTF-8 included, so the
 * dead-letter output can keep it) and the origin {@code path:line}. Files are not split; a restored
 * reader skips the lines it had already emitted.
 */
public final class JsonLinesFormat implements BulkFormat<RawRecord, FileSourceSplit> {
    private static final int BATCH = 512;

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split)
            throws IOException {
        return new LineReader(split.path(), 0);
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split)
            throws IOException {
        long skip =
                split.getReaderPosition()
                        .map(CheckpointedPosition::getRecordsAfterOffset)
                        .orElse(0L);
        return new LineReader(split.path(), skip);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private static final class LineReader implements BulkFormat.Reader<RawRecord> {
        private final Path path;
        private final InputStream in;
        private final String name;
        private long lineNumber;
        private long emitted;

        LineReader(Path path, long skipRecords) throws IOException {
            this.path = path;
            String scheme = path.toUri().getScheme();
            // Local files are named by their path, as people write them; others by their URI.
            this.name =
                    scheme == null || scheme.equals("file")
                            ? path.toUri().getPath()
                            : path.toString();
            InputStream raw = new BufferedInputStream(path.getFileSystem().open(path), 1 << 16);
            this.in =
                    name.endsWith(".gz")
                            ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
                            : raw;
            for (long i = 0; i < skipRecords; i++) {
                if (nextRecord() == null) {
                    break;
                }
            }
        }

        @Override
        public RecordIterator<RawRecord> readBatch() throws IOException {
            RawRecord[] batch = new RawRecord[BATCH];
            int n = 0;
            long before = emitted;
            RawRecord r;
            while (n < BATCH && (r = nextRecord()) != null) {
                batch[n++] = r;
            }
            if (n == 0) {
                return null;
            }
            ArrayResultIterator<RawRecord> it = new ArrayResultIterator<>();
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, before);
            return it;
        }

        /** The next non-blank line as a record, or null at the end of the file. */
        private RawRecord nextRecord() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                line.reset();
                int b;
                boolean any = false;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                    any = true;
                }
                if (b == -1 && !any) {
                    return null;
                }
                lineNumber++;
                byte[] bytes = line.toByteArray();
                int length = bytes.length;
                if (length > 0 && bytes[length - 1] == '\r') {
                    length--;
                }
                if (!isBlank(bytes, length)) {
                    emitted++;
                    return new RawRecord(
                            length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length),
                            name + ":" + lineNumber);
                }
            }
        }

        private static boolean isBlank(byte[] bytes, int length) {
            for (int i = 0; i < length; i++) {
                if (bytes[i] != ' ' && bytes[i] != '\t') {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        @Override
        public String toString() {
            return "LineReader(" + path + ")";
        }
    }
}
