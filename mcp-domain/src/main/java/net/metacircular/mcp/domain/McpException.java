package net.metacircular.mcp.domain;

/** Base of MCP's domain errors; adapters map each subtype to their own error vocabulary. */
public sealed class McpException extends RuntimeException
        permits InvalidInputException, NotFoundException, PreconditionException {
    private static final long serialVersionUID = 1L;

    McpException(String message) {
        super(message);
    }
}
