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
        return commandLine(factory, Prompters.NONE, version, terminal, clock);
    }

    /**
     * The ready {@code mcp} command line with a terminal to ask the operator on ({@code mcp login}).
     *
     * @param prompter asks for user names, passwords (without echo) and TOTP codes
     */
    public static CommandLine commandLine(OperatorFactory factory, Prompter prompter, String version, TerminalInfo terminal,
                                          InstantSource clock) {
        Objects.requireNonNull(version, "'version' must not be null");
        CliContext context = new CliContext(factory, terminal, clock).prompter(prompter);
        CommandLine cl = new CommandLine(new McpCommand(context));
        cl.getCommandSpec().version(version);
        cl.addSubcommand("deploy", new DeployCommand(context));
        cl.addSubcommand("list", new ListCommand(context));
        cl.addSubcommand("ps", new PsCommand(context));
        cl.addSubcommand("status", new StatusCommand(context));
        cl.addSubcommand("completion", new CompletionCommand());
        cl.addSubcommand("push", new PushCommand(context));
        cl.addSubcommand("pull", new PullCommand(context));
        cl.addSubcommand("login", new LoginCommand(context));
        cl.addSubcommand("logout", new LogoutCommand(context));
        cl.addSubcommand("node", new CommandLine(new NodeCommand())
                .addSubcommand("list", new NodeListCommand(context))
                .addSubcommand("add", new NodeAddCommand(context))
                .addSubcommand("remove", new NodeRemoveCommand(context)));
        cl.addSubcommand("stop", new LifecycleCommand.Stop(context));
        cl.addSubcommand("start", new LifecycleCommand.Start(context));
        cl.addSubcommand("restart", new LifecycleCommand.Restart(context));
        cl.addSubcommand("sync", new SyncCommand(context));
        cl.addSubcommand("adopt", new AdoptCommand(context));
        cl.addSubcommand("service", new CommandLine(new ServiceCommand())
                .addSubcommand("show", new ServiceCommand.Show(context))
                .addSubcommand("export", new ServiceCommand.Export(context))
                .addSubcommand("edit", new ServiceCommand.Edit(context)));
        return Commands.configure(cl, terminal, new ExceptionMapper(node -> context.created()
                .flatMap(op -> addressOf(op, node))));
    }

    /**
     * Answers {@code mcp --version} (or {@code -V}) alone, exactly as the command line would, without building the
     * command tree: picocli's reflection over every command is most of such a short run (BENCHMARKS.md, P5). Empty for
     * any other arguments.
     */
    public static Optional<Integer> versionOnly(String version, java.io.PrintWriter out, String... args) {
        Objects.requireNonNull(version, "'version' must not be null");
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return Optional.empty();
        }
        out.println(version);
        out.flush();
        return Optional.of(ExitCodes.OK);
    }

    /** {@link #versionOnly(String, java.io.PrintWriter, String...)} on standard output. */
    public static Optional<Integer> versionOnly(String version, String... args) {
        return versionOnly(version, new java.io.PrintWriter(System.out, true), args);
    }

    /** Runs {@code mcp} with {@code args} and returns the exit code (see {@link ExitCodes}). */
    public static int run(OperatorFactory factory, String version, TerminalInfo terminal, InstantSource clock, String... args) {
        return commandLine(factory, version, terminal, clock).execute(args);
    }

    /** Runs {@code mcp} with a terminal to ask the operator on, and returns the exit code. */
    public static int run(OperatorFactory factory, Prompter prompter, String version, TerminalInfo terminal,
                          InstantSource clock, String... args) {
        return commandLine(factory, prompter, version, terminal, clock).execute(args);
    }

    private static Optional<String> addressOf(OperatorUseCase operator, String node) {
        return operator.nodes().stream().filter(n -> n.name().equals(node)).map(AgentGateway.Node::address).findFirst();
    }
}
