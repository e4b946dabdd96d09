package net.metacircular.mcp.port.out;

/**
 * The registry's write lock stayed taken (an operator's {@code sqlite3} left inside a transaction, another process
 * on the file, or this process's own writers on a very slow disk) for longer than the registry's busy timeout. The
 * change that met it was not recorded; what the call did before it (a container already replaced) stands, and the
 * same call can be retried.
 */
public class RegistryBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryBusyException(String message, Throwable cause) {
        super(message, cause);
    }
}
