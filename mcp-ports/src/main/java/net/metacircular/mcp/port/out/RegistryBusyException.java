package net.metacircular.mcp.port.out;

/**
 * The registry stayed locked by another writer (a snapshot, an operator's {@code sqlite3}, another agent process)
 * for longer than the registry's busy timeout; nothing was written, and the same call can be retried.
 */
public class RegistryBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
