package net.metacircular.mcp.port.out;

import net.metacircular.mcp.domain.Alert;

/**
 * Where the monitor's alerts go (the operator's alert command, or the log). {@link #send} must return at once: a
 * slow, failing or missing alert program must never delay monitoring.
 */
public interface AlertSink {
    /** Hands {@code alert} over for delivery without waiting for it to be delivered. */
    void send(Alert alert);
}
