package net.metacircular.mcp.app.agent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Orderly stop on SIGTERM or SIGINT: the work runs once, whoever asks first, and every other caller waits for it
 * to finish; then the process exits 0, so systemd sees a clean stop rather than the JVM's default 143.
 */
final class Shutdown implements Runnable {
    private final Runnable work;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    Shutdown(Runnable work) {
        this.work = work;
    }

    void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                run();
                // exit, not halt: the JVM's own shutdown hooks still run (a flight recording asked for with
                // -XX:StartFlightRecording is written by one, BENCHMARKS.md)
                System.exit(0);
            });
        }
    }

    @Override
    public void run() {
        if (started.compareAndSet(false, true)) {
            try {
                work.run();
            } finally {
                done.countDown();
            }
            return;
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
