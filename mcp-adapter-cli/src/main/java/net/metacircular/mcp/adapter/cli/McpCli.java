package net.metacircular.mcp.adapter.cli;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.out.AgentGateway;
import picocli.CommandLine;

/** Assembles the {@code mcp} command line: the root, its subcommands, the exception mapper and the colour scheme. */
public final class McpCli {
    private McpCli() {
    }

    /**
     * The ready {@code mcp} command line; the app calls {@code execute(args)} on it and exits with the result.
     *
     * @param factory  builds the operator use case once {@code --config} is known
     * @param version  what {@code --version} prints
     * @param terminal whether colour is wanted and how wide stdout is
     * @param clock    the time uptimes are measured against
     */
    public static CommandLine commandLine(OperatorFactory factory, String version, TerminalInfo terminal, InstantSource clock) {
        Objects.requireNonNull(version, "'version' must not be null");
        CliContext context = new CliContext(factory, terminal, clock);
        CommandLine cl = new CommandLine(new McpCommand(context));
        cl.getCommandSpec().version(version);
        cl.addSubcommand("deploy", new DeployCommand(context));
        cl.addSubcommand("list", new ListCommand(context));
        cl.addSubcommand("ps", new PsCommand(context));
        cl.addSubcommand("status", new StatusCommand(context));
        return Commands.configure(cl, terminal, new ExceptionMapper(node -> context.created()
                .flatMap(op -> addressOf(op, node))));
    }

    /** Runs {@code mcp} with {@code args} and returns the exit code (see {@link ExitCodes}). */
    public static int run(OperatorFactory factory, String version, TerminalInfo terminal, InstantSource clock, String... args) {
        return commandLine(factory, version, terminal, clock).execute(args);
    }

    private static Optional<String> addressOf(OperatorUseCase operator, String node) {
        return operator.nodes().stream().filter(n -> n.name().equals(node)).map(AgentGateway.Node::address).findFirst();
    }
}
