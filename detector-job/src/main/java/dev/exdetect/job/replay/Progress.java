package dev.exdetect.job.replay;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Progress lines for long runs, at most one every two seconds of wall-clock time (progress display
 * is the only use of the wall clock here; nothing it decides depends on it).
 */
public final class Progress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter out;
    private final String prefix;
    private long last = System.nanoTime();

    /** Progress written to {@code out}, each line starting with {@code prefix: }. */
    public Progress(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** Prints the line {@code message} supplies if two seconds have passed since the last one. */
    public void maybe(Supplier<String> message) {
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS) {
            last = now;
            line(message.get());
        }
    }

    /**
     * Progress to the same place whose lines start with {@code prefix: label: }, for one step of a
     * longer run (the detector job inside a benchmark, one round of a measurement).
     */
    public Progress labelled(String label) {
        return new Progress(out, prefix + ": " + label);
    }

    /** Prints a line now. */
    public void line(String message) {
        out.println(prefix + ": " + message);
        out.flush();
    }
}
