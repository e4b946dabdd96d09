package net.metacircular.mcp.domain;

/** The request is well formed but the node's current state does not allow it. */
public final class PreconditionException extends McpException {
    private static final long serialVersionUID = 1L;

    public PreconditionException(String message) {
        super(message);
    }
}
