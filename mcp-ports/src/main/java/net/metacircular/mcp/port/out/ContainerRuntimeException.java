package net.metacircular.mcp.port.out;

/** A container runtime call that failed; {@link #unavailable()} when the runtime itself could not be used. */
public class ContainerRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean unavailable;

    /**
     * @param message     what failed, with the runtime's own words
     * @param unavailable true when the runtime is missing, hung or broken rather than refusing this request
     * @param cause       the underlying error, may be null
     */
    public ContainerRuntimeException(String message, boolean unavailable, Throwable cause) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** True when the runtime is missing, timed out or broken, so nothing can be concluded about containers. */
    public boolean unavailable() {
        return unavailable;
    }
}
