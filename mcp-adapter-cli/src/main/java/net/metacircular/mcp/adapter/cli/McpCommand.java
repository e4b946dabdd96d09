package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root {@code mcp} command: the global options; the work is done by its subcommands. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "Deploy services to MCP nodes and see what runs where.",
        footer = {"", "Examples:", "  mcp deploy metacrypt", "  mcp ps", "  mcp --config ./mcp.toml status metacrypt --json"})
final class McpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    McpCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Option(names = "--config", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = {"The CLI config file.", "Default: $MCP_CONFIG or ~/.config/mcp/mcp.toml"})
    void config(Path path) {
        context.config(path);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }
}
