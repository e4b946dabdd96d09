package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp status}: the full picture: live state, drift and recent events, of every service or of one. */
@Command(name = "status",
        description = "Show live state, drift and recent events of every service, or of one.",
        footer = {"", "Examples:", "  mcp status", "  mcp status metacrypt", "  mcp status --json | jq '.drift'"})
final class StatusCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "Only this service.")
    private String service;

    @Option(names = "--json",
            description = "Print one JSON object {\"components\":[...],\"errors\":[...],\"drift\":[...],\"events\":[...]}.")
    private boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    StatusCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        Fleet<StatusReport> fleet = context.operator().status(Optional.ofNullable(service));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(FleetView.statusJson(fleet));
        } else {
            out.print(FleetView.status(fleet.answers(), context.terminal(), context.clock().instant()));
            FleetView.errors(fleet.errors(), spec.commandLine().getErr());
        }
        out.flush();
        return fleet.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
