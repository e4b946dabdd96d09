package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeAnswer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp sync}: pushes every service definition to its node, updating desired state without deploying. */
@Command(name = "sync",
        description = "Push every service definition to the node it names, updating desired state without deploying.",
        footer = {"",
                "Each node records the desired state, stops the components of inactive",
                "services, starts the stopped components of active ones, and records every",
                "container it does not know as ignore. Nothing is ever removed; a service",
                "on a node that no definition names is reported and left as it is. With no",
                "definition files, sync only discovers the nodes' containers.",
                "",
                "Output: NODE/SERVICE: changed|unchanged: SUMMARY",
                "",
                "Example:",
                "  mcp sync"})
final class SyncCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    SyncCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        Fleet<List<ServiceSyncResult>> fleet = context.serviceCommands().sync();
        PrintWriter out = spec.commandLine().getOut();
        for (NodeAnswer<List<ServiceSyncResult>> a : fleet.answers()) {
            for (ServiceSyncResult r : a.data()) {
                out.println(a.node() + "/" + Table.printable(r.service()) + ": " + (r.changed() ? "changed" : "unchanged")
                        + ": " + Table.printable(r.summary()));
            }
        }
        out.flush();
        FleetView.errors(fleet.errors(), spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return fleet.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
    }
}
