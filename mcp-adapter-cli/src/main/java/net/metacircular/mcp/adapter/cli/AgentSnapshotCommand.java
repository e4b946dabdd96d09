package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mcp-agent snapshot}: writes a consistent copy of the registry database and exits. */
@Command(name = "snapshot", description = "Write a consistent snapshot of the registry database and exit.",
        footer = {"", "Example:", "  mcp-agent snapshot --config /srv/mcp/mcp-agent.toml"})
final class AgentSnapshotCommand implements Callable<Integer> {
    private final AgentLauncher launcher;

    @Option(names = "--config", paramLabel = "PATH", required = true, description = "The agent config file.")
    private Path config;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    AgentSnapshotCommand(AgentLauncher launcher) {
        this.launcher = Objects.requireNonNull(launcher, "'launcher' must not be null");
    }

    @Override
    public Integer call() {
        return launcher.snapshot(config);
    }
}
