package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.port.in.ServiceCommandsUseCase.LifecycleOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp stop|start|restart}: one lifecycle action on every component of a service; one class per verb below. */
abstract class LifecycleCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;
    private final LifecycleAction action;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    private String service;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    LifecycleCommand(CliContext context, LifecycleAction action) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
        this.action = Objects.requireNonNull(action, "'action' must not be null");
    }

    @Override
    public Integer call() {
        LifecycleOutcome outcome = context.serviceCommands().lifecycle(action, service);
        PrintWriter err = spec.commandLine().getErr();
        outcome.file().ifPresent(f -> err.println(f + ": active = " + action.active().orElseThrow()));
        err.println("node " + outcome.node() + ": " + action.verb() + " " + outcome.service());
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        for (ComponentResult r : outcome.results()) {
            out.println(outcome.service() + "/" + Table.printable(r.component()) + ": "
                    + (r.success() ? Table.printable(r.action()) : "FAILED: " + Table.printable(r.error())));
        }
        out.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** {@code mcp stop}. */
    @Command(name = "stop",
            description = "Stop every component of a service and record desired state stopped.",
            footer = {"",
                    "Sets active = false in <services dir>/SERVICE.toml when the file exists",
                    "(only that line changes; comments and layout are kept), then tells the",
                    "node named in it, or the node whose registry holds the service.",
                    "",
                    "Example:",
                    "  mcp stop metacrypt"})
    static final class Stop extends LifecycleCommand {
        Stop(CliContext context) {
            super(context, LifecycleAction.STOP);
        }
    }

    /** {@code mcp start}. */
    @Command(name = "start",
            description = "Start every component of a service and record desired state running.",
            footer = {"",
                    "Sets active = true in <services dir>/SERVICE.toml when the file exists",
                    "(only that line changes), then tells the node. A component without a",
                    "container fails: create it with mcp deploy.",
                    "",
                    "Example:",
                    "  mcp start metacrypt"})
    static final class Start extends LifecycleCommand {
        Start(CliContext context) {
            super(context, LifecycleAction.START);
        }
    }

    /** {@code mcp restart}. */
    @Command(name = "restart",
            description = "Restart every component of a service; the desired state is unchanged.",
            footer = {"", "Example:", "  mcp restart metacrypt"})
    static final class Restart extends LifecycleCommand {
        Restart(CliContext context) {
            super(context, LifecycleAction.RESTART);
        }
    }
}
