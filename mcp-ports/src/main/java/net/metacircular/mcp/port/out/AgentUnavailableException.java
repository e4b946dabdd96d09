package net.metacircular.mcp.port.out;

/** An agent could not be reached, or did not answer in time, or refused the caller's credentials. */
public class AgentUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String node;

    public AgentUnavailableException(String node, String message, Throwable cause) {
        super(message, cause);
        this.node = node;
    }

    /** The node that failed. */
    public String node() {
        return node;
    }
}
