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

/** {@code mcp ps}: every node's containers as the runtime sees them now, with uptime and version. */
@Command(name = "ps",
        description = "Show every node's components live from the container runtime, with uptime and version.",
        footer = {"", "Examples:", "  mcp ps", "  mcp ps --json"})
final class PsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Option(names = "--json", description = "Print one JSON object {\"components\":[...],\"errors\":[...]}.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    PsCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        Fleet<List<ServiceRecord>> fleet = context.operator().ps();
        return ReadOutput.components(spec.commandLine(), context, fleet, json, FleetView.TimeColumn.UPTIME);
    }
}
