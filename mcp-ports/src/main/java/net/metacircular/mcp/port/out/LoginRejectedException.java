package net.metacircular.mcp.port.out;

/** MCIAS refused the credentials (as opposed to being unreachable, an {@link AuthUnavailableException}). */
public class LoginRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginRejectedException(String message) {
        super(message);
    }
}
