package net.metacircular.mcp.adapter.cli;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.out.AgentGateway;
import picocli.CommandLine;

/** Assembles the {@code mcp} command line: the root, its subcommands, the exception mapper and the colour scheme. */
public final class McpCli {
    /** The subcommands built alone when invoked: all but {@code completion}, whose script lists the whole tree. */
    private static final Set<String> BUILT_ALONE = Set.of("deploy", "list", "ps", "status", "push", "pull",
            "login", "logout", "node", "stop", "start", "restart", "sync", "adopt", "service");

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
        return build(factory, prompter, version, terminal, clock, name -> true);
    }

    /**
     * The {@code mcp} command line for one invocation: when {@code args} name a subcommand, only that subcommand is
     * built, since picocli's reflection over the whole tree was half of a short command's run (BENCHMARKS.md, P5).
     * Help, {@code --version}, {@code completion}, no subcommand or an unknown word get the whole tree, so what they
     * print (the list of commands, "did you mean") is the same. Parsing and output are otherwise identical to
     * {@link #commandLine(OperatorFactory, Prompter, String, TerminalInfo, InstantSource)}.
     */
    public static CommandLine commandLineFor(OperatorFactory factory, Prompter prompter, String version, TerminalInfo terminal,
                                             InstantSource clock, String... args) {
        Optional<String> invoked = invokedSubcommand(args);
        return build(factory, prompter, version, terminal, clock,
                name -> invoked.map(name::equals).orElse(true));
    }

    /** The subcommand {@code args} invoke, when it alone can serve them; empty when the whole tree is needed. */
    static Optional<String> invokedSubcommand(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--config")) {
                i++;
            } else if (arg.startsWith("--config=")) {
                continue;
            } else if (arg.startsWith("-")) {
                return Optional.empty();
            } else {
                return BUILT_ALONE.contains(arg) ? Optional.of(arg) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static CommandLine build(OperatorFactory factory, Prompter prompter, String version, TerminalInfo terminal,
                                     InstantSource clock, Predicate<String> wanted) {
        Objects.requireNonNull(version, "'version' must not be null");
        CliContext context = new CliContext(factory, terminal, clock).prompter(prompter);
        CommandLine cl = new CommandLine(new McpCommand(context));
        cl.getCommandSpec().version(version);
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("deploy", () -> new DeployCommand(context));
        subcommands.put("list", () -> new ListCommand(context));
        subcommands.put("ps", () -> new PsCommand(context));
        subcommands.put("status", () -> new StatusCommand(context));
        subcommands.put("completion", CompletionCommand::new);
        subcommands.put("push", () -> new PushCommand(context));
        subcommands.put("pull", () -> new PullCommand(context));
        subcommands.put("login", () -> new LoginCommand(context));
        subcommands.put("logout", () -> new LogoutCommand(context));
        subcommands.put("node", () -> new CommandLine(new NodeCommand())
                .addSubcommand("list", new NodeListCommand(context))
                .addSubcommand("add", new NodeAddCommand(context))
                .addSubcommand("remove", new NodeRemoveCommand(context)));
        subcommands.put("stop", () -> new LifecycleCommand.Stop(context));
        subcommands.put("start", () -> new LifecycleCommand.Start(context));
        subcommands.put("restart", () -> new LifecycleCommand.Restart(context));
        subcommands.put("sync", () -> new SyncCommand(context));
        subcommands.put("adopt", () -> new AdoptCommand(context));
        subcommands.put("service", () -> new CommandLine(new ServiceCommand())
                .addSubcommand("show", new ServiceCommand.Show(context))
                .addSubcommand("export", new ServiceCommand.Export(context))
                .addSubcommand("edit", new ServiceCommand.Edit(context)));
        subcommands.forEach((name, command) -> {
            if (wanted.test(name)) {
                cl.addSubcommand(name, command.get());
            }
        });
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
        return run(factory, Prompters.NONE, version, terminal, clock, args);
    }

    /** Runs {@code mcp} with a terminal to ask the operator on, and returns the exit code. */
    public static int run(OperatorFactory factory, Prompter prompter, String version, TerminalInfo terminal,
                          InstantSource clock, String... args) {
        return commandLineFor(factory, prompter, version, terminal, clock, args).execute(args);
    }

    private static Optional<String> addressOf(OperatorUseCase operator, String node) {
        return operator.nodes().stream().filter(n -> n.name().equals(node)).map(AgentGateway.Node::address).findFirst();
    }
}
