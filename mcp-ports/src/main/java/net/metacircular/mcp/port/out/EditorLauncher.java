package net.metacircular.mcp.port.out;

import java.nio.file.Path;

/** Opens a file in the operator's editor and waits for it to exit. */
public interface EditorLauncher {
    /**
     * Runs the editor on {@code file} attached to the operator's terminal and returns its exit code. Throws
     * {@link net.metacircular.mcp.domain.PreconditionException} when no editor can be started.
     */
    int edit(Path file);

    /** The editor's command as the operator configured it, for messages. */
    String describe();
}
