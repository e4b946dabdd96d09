package net.metacircular.mcp.domain;

/** A named service, component or file does not exist. */
public final class NotFoundException extends McpException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
