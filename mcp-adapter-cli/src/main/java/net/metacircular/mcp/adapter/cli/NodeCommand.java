package net.metacircular.mcp.adapter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mcp node}: the group of node commands; the work is done by its subcommands. */
@Command(name = "node", description = "List, add and remove the nodes in mcp.toml.",
        footer = {"", "Examples:", "  mcp node list", "  mcp node add rift 100.95.252.120:9444", "  mcp node remove rift"})
final class NodeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: list, add or remove");
    }
}
