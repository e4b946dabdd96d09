package net.metacircular.mcp.adapter.cli;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp list}: every node's registry, without asking the container runtimes. */
@Command(name = "list",
        description = "List the services in every node's registry (no runtime query).",
        footer = {"", "Examples:", "  mcp list", "  mcp list --json | jq '.components[] | select(.node == \"rift\")'"})
final class ListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Option(names = "--json", description = "Print one JSON object {\"components\":[...],\"errors\":[...]}.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    ListCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        Fleet<List<ServiceRecord>> fleet = context.operator().list();
        return ReadOutput.components(spec.commandLine(), context, fleet, json, FleetView.TimeColumn.STARTED);
    }
}
