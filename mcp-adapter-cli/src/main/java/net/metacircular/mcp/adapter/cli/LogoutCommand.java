package net.metacircular.mcp.adapter.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import net.metacircular.mcp.port.in.LoginUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mcp logout}: removes the stored token. */
@Command(name = "logout", description = "Remove the stored MCIAS token.",
        footer = {"", "MCP_TOKEN, when set, is not affected.", "", "Examples:", "  mcp logout"})
final class LogoutCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    LogoutCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        LoginUseCase login = context.login();
        String location = login.tokenLocation();
        spec.commandLine().getErr().println(login.logout()
                ? "logged out; removed " + location
                : "not logged in (no token in " + location + ")");
        return ExitCodes.OK;
    }
}
