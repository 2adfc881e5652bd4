package dev.exdetect.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a server command in the foreground until Ctrl-C or its {@code --duration} ends. Open it
 * before the servers in a try-with-resources, so it closes after them: on Ctrl-C the JVM waits (up
 * to 20 s) until the servers are closed.
 */
final class Foreground implements AutoCloseable {
    /** How often the status line is printed. */
    static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    Foreground() {
        hook =
                new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                closed.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Blocks until Ctrl-C or {@code duration} (null: no limit), running {@code status} every {@link
     * #STATUS_EVERY}.
     */
    void waitUntilStopped(Duration duration, Runnable status, PrintWriter out)
            throws InterruptedException {
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long nextStatus = System.nanoTime() + STATUS_EVERY.toNanos();
        while (!stop.await(200, TimeUnit.MILLISECONDS) && System.nanoTime() < end) {
            if (System.nanoTime() >= nextStatus) {
                status.run();
                out.flush();
                nextStatus += STATUS_EVERY.toNanos();
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and has just been released.
        }
    }
}
