package net.metacircular.mcp.port.out;

/** MCIAS could not be asked (down, too slow, or answering nonsense); callers fail closed. */
public class AuthUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
