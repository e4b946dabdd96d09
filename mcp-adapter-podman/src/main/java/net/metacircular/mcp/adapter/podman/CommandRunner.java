package net.metacircular.mcp.adapter.podman;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs one program from an argv and waits for it, never through a shell; the seam between the podman adapter
 * and the operating system, so tests can replace the processes.
 */
public interface CommandRunner {
    /**
     * Runs {@code argv} with the current environment plus {@code extraEnv} and returns its result whatever its
     * exit status.
     *
     * @throws CommandException when the program cannot be started (see {@link CommandException#binaryMissing()})
     *                          or does not finish within {@code timeout} (it is then killed with its descendants)
     */
    ExecResult run(List<String> argv, Map<String, String> extraEnv, Duration timeout);

    /** Runs {@code argv} with the current environment; see {@link #run(List, Map, Duration)}. */
    default ExecResult run(List<String> argv, Duration timeout) {
        return run(argv, Map.of(), timeout);
    }
}
