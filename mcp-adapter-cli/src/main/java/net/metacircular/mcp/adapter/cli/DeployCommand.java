package net.metacircular.mcp.adapter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.port.in.OperatorUseCase.DeployOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp deploy}: pushes a service's spec to its node, which replaces the containers. */
@Command(name = "deploy",
        description = "Deploy a service, or one of its components, to the node its definition names.",
        footer = {"",
                "The spec comes from FILE when -f is given, else from",
                "<services dir>/SERVICE.toml, else from the registry of the node that",
                "last deployed the service.",
                "",
                "Examples:",
                "  mcp deploy metacrypt",
                "  mcp deploy metacrypt/web",
                "  mcp deploy metacrypt -f ./deploy/mcp-service.toml"})
final class DeployCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "SERVICE[/COMPONENT]", description = "The service, or one component of it.")
    private String target;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Deploy from this definition file.")
    private Path file;

    @Option(names = "--force", description = "Replace containers even when their spec and image are unchanged.")
    private boolean force;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    DeployCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        DeployOutcome outcome = context.operator().deploy(target, Optional.ofNullable(file), force);
        PrintWriter out = spec.commandLine().getOut();
        spec.commandLine().getErr().println("node " + outcome.node() + ": " + outcome.service() + " from " + outcome.source());
        for (ComponentResult r : outcome.results()) {
            out.println(outcome.service() + "/" + Table.printable(r.component()) + ": "
                    + (r.success() ? Table.printable(r.action()) : "FAILED: " + Table.printable(r.error())));
        }
        out.flush();
        return outcome.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
