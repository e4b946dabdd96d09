package net.metacircular.mcp.adapter.cli;

/** The exit codes of {@code mcp} and {@code mcp-agent}, in one place so scripts can rely on them. */
public final class ExitCodes {
    /** Everything asked for was done. */
    public static final int OK = 0;
    /** A failure: a component failed, the input was invalid, something was not found or not allowed. */
    public static final int FAILURE = 1;
    /** The command line could not be parsed (picocli's usage error). */
    public static final int USAGE = 2;
    /** A read got answers from some nodes and errors from others. */
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
