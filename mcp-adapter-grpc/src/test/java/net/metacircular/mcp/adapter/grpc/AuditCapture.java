package net.metacircular.mcp.adapter.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures the {@code mcp.audit} lines through java.util.logging, the default System.Logger backend. */
final class AuditCapture extends Handler implements AutoCloseable {
    // a strong reference: JUL keeps loggers weakly, and a collected logger would lose this handler
    private final Logger logger = Logger.getLogger(AuthInterceptor.AUDIT_LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    AuditCapture() {
        logger.addHandler(this);
    }

    List<String> lines() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Waits briefly for {@code n} lines: a cancelled call's line is written on another thread. */
    List<String> awaitLines(int n) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (records.size() < n && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        return lines();
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
