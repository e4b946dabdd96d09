package net.metacircular.mcp.adapter.cli;

import java.util.Objects;
import java.util.Optional;
import picocli.CommandLine;

/** Assembles the {@code mcp-agent} command line around the app's {@link AgentLauncher}. */
public final class AgentCli {
    private AgentCli() {
    }

    /**
     * The ready {@code mcp-agent} command line; the app calls {@code execute(args)} on it and exits with the result.
     * Exceptions escaping the launcher (a bad config, for one) are reported like the CLI's, without a stack trace.
     *
     * @param launcher runs the agent or takes a snapshot
     * @param version  what {@code --version} prints
     * @param terminal whether help may use colour
     */
    public static CommandLine commandLine(AgentLauncher launcher, String version, TerminalInfo terminal) {
        Objects.requireNonNull(version, "'version' must not be null");
        CommandLine cl = new CommandLine(new AgentCommand());
        cl.getCommandSpec().version(version);
        cl.addSubcommand("server", new AgentServerCommand(launcher));
        cl.addSubcommand("snapshot", new AgentSnapshotCommand(launcher));
        return Commands.configure(cl, terminal, new ExceptionMapper(node -> Optional.empty()));
    }

    /** Runs {@code mcp-agent} with {@code args} and returns the exit code. */
    public static int run(AgentLauncher launcher, String version, TerminalInfo terminal, String... args) {
        return commandLine(launcher, version, terminal).execute(args);
    }
}
