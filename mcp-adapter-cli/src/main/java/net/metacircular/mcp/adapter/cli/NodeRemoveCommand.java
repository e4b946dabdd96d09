package net.metacircular.mcp.adapter.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.port.in.NodesUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp node remove}: deletes a node's block from mcp.toml, keeping everything else as it was. */
@Command(name = "remove", description = "Remove a node from mcp.toml; comments and layout are kept.",
        footer = {"", "The agent and its registry are not touched.", "", "Examples:", "  mcp node remove rift"})
final class NodeRemoveCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The node to remove.")
    private String name;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    NodeRemoveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        NodesUseCase nodes = context.nodes();
        nodes.remove(name);
        spec.commandLine().getErr().println("removed node " + name + " from " + nodes.location());
        return ExitCodes.OK;
    }
}
