package net.metacircular.mcp.app.agent;

import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Orderly stop on SIGTERM or SIGINT: the work runs once, then the process exits 0, so systemd sees a clean stop
 * rather than the JVM's default 143.
 */
final class Shutdown implements Runnable {
    private final Runnable work;
    private final AtomicBoolean done = new AtomicBoolean();

    Shutdown(Runnable work) {
        this.work = work;
    }

    void installSignalHandlers() {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), s -> {
                run();
                Runtime.getRuntime().halt(0);
            });
        }
    }

    @Override
    public void run() {
        if (done.compareAndSet(false, true)) {
            work.run();
        }
    }
}
