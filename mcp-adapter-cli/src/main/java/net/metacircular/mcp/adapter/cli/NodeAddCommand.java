package net.metacircular.mcp.adapter.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.port.in.NodesUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp node add}: appends a node to mcp.toml, keeping everything else in the file as it was. */
@Command(name = "add", description = "Add a node to mcp.toml; comments and layout are kept.",
        footer = {"", "Examples:", "  mcp node add rift 100.95.252.120:9444"})
final class NodeAddCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAME", description = "The node's name, as service definitions use it.")
    private String name;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The agent's host:port.")
    private String address;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    NodeAddCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        NodesUseCase nodes = context.nodes();
        nodes.add(name, address);
        spec.commandLine().getErr().println("added node " + name + " (" + address + ") to " + nodes.location());
        return ExitCodes.OK;
    }
}
