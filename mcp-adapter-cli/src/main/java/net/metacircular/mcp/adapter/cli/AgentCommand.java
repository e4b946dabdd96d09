package net.metacircular.mcp.adapter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code mcp-agent} command; the work is done by {@code server} and {@code snapshot}. */
@Command(name = "mcp-agent", mixinStandardHelpOptions = true,
        description = "The MCP node agent: runs containers, keeps the node's registry, watches for drift.",
        footer = {"", "Example:", "  mcp-agent server --config /srv/mcp/mcp-agent.toml"})
final class AgentCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
