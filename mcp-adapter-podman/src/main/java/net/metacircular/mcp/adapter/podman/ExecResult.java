package net.metacircular.mcp.adapter.podman;

import java.util.Objects;

/**
 * What a finished process left behind.
 *
 * @param exitCode its exit status
 * @param stdout   everything it wrote to standard output, decoded as UTF-8
 * @param stderr   everything it wrote to standard error, decoded as UTF-8
 */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public ExecResult {
        Objects.requireNonNull(stdout, "'stdout' must not be null");
        Objects.requireNonNull(stderr, "'stderr' must not be null");
    }

    /** True when the process exited with status 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }
}
