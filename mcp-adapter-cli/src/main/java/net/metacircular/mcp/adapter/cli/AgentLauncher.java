package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;

/** What the agent app does for the {@code mcp-agent} commands; each returns the process's exit code. */
public interface AgentLauncher {
    /** Runs the agent from {@code config} until it is stopped. */
    int serve(Path config);

    /** Writes a snapshot of the registry named in {@code config} and returns. */
    int snapshot(Path config);
}
