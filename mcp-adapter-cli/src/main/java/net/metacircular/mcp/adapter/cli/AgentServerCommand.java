package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcp-agent server}: runs the agent until it is stopped. */
@Command(name = "server", description = "Run the agent's gRPC server and monitor until stopped.",
        footer = {"", "Example:", "  mcp-agent server --config /srv/mcp/mcp-agent.toml"})
final class AgentServerCommand implements Callable<Integer> {
    private final AgentLauncher launcher;

    @Option(names = "--config", paramLabel = "PATH", required = true, description = "The agent config file.")
    private Path config;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    AgentServerCommand(AgentLauncher launcher) {
        this.launcher = Objects.requireNonNull(launcher, "'launcher' must not be null");
    }

    @Override
    public Integer call() {
        return launcher.serve(config);
    }
}
