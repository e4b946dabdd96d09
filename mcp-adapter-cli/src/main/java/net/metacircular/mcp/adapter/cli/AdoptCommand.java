package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.port.in.ServiceCommandsUseCase.AdoptOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp adopt}: groups a node's existing {@code <service>-*} containers into a managed service. */
@Command(name = "adopt",
        description = "Adopt the containers named SERVICE and SERVICE-* into the service, without touching them.",
        footer = {"",
                "The component name is the container name without the SERVICE- prefix",
                "(metacrypt-api becomes api; a container named SERVICE keeps that name).",
                "Containers of another service with a longer name are left alone: adopting",
                "mc after mc-proxy leaves mc-proxy's containers to mc-proxy. Each spec is",
                "recorded as the runtime reports it, so mcp service export writes a",
                "definition that deploys without restarting anything.",
                "",
                "Output: CONTAINER -> SERVICE/COMPONENT: adopted | left alone: WHY | FAILED: WHY",
                "",
                "Examples:",
                "  mcp adopt metacrypt",
                "  mcp adopt mc --node rift"})
final class AdoptCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to adopt containers into.")
    private String service;

    @Option(names = "--node", paramLabel = "NODE",
            description = "The node to adopt on (default: the definition's node, else the node with matching containers).")
    private String node;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    AdoptCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        AdoptOutcome outcome = context.serviceCommands().adopt(service, Optional.ofNullable(node));
        spec.commandLine().getErr().println("node " + outcome.node() + ": adopt " + outcome.service());
        spec.commandLine().getErr().flush();
        PrintWriter out = spec.commandLine().getOut();
        for (AdoptResult r : outcome.results()) {
            String what = !r.success() ? "FAILED: " + Table.printable(r.error())
                    : r.skipped().isEmpty() ? "adopted" : "left alone: " + Table.printable(r.skipped());
            out.println(Table.printable(r.container()) + " -> " + outcome.service() + "/" + Table.printable(r.component())
                    + ": " + what);
        }
        out.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
