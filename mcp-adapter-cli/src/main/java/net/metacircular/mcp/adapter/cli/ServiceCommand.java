package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.adapter.toml.TomlWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mcp service}: the spec a node's registry records for a service, shown, exported or edited. */
@Command(name = "service",
        description = "Show, export or edit a service's definition.",
        footer = {"",
                "Examples:",
                "  mcp service show metacrypt",
                "  mcp service export metacrypt",
                "  mcp service export metacrypt -f ./metacrypt.toml",
                "  mcp service edit metacrypt"})
final class ServiceCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: show, export or edit");
    }

    /** {@code mcp service show}. */
    @Command(name = "show",
            description = "Print the spec the node's registry records for SERVICE, as a definition file.",
            footer = {"", "Example:", "  mcp service show metacrypt > metacrypt.toml"})
    static final class Show implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        private String service;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        private boolean help;

        Show(CliContext context) {
            this.context = Objects.requireNonNull(context, "'context' must not be null");
        }

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(TomlWriter.render(context.serviceCommands().show(service)));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code mcp service export}. */
    @Command(name = "export",
            description = "Write the spec the node's registry records for SERVICE to its definition file.",
            footer = {"",
                    "Writes <services dir>/SERVICE.toml, or FILE with -f, atomically. An",
                    "existing file is replaced whole (its comments are not kept).",
                    "",
                    "Examples:",
                    "  mcp service export metacrypt",
                    "  mcp service export metacrypt -f ./metacrypt.toml"})
    static final class Export implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        private String service;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Write here instead of the services directory.")
        private Path file;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        private boolean help;

        Export(CliContext context) {
            this.context = Objects.requireNonNull(context, "'context' must not be null");
        }

        @Override
        public Integer call() {
            Path written = context.serviceCommands().export(service, Optional.ofNullable(file));
            spec.commandLine().getErr().println("wrote " + written);
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        }
    }

    /** {@code mcp service edit}. */
    @Command(name = "edit",
            description = "Edit SERVICE's definition in $EDITOR (else $VISUAL, else vi).",
            footer = {"",
                    "You edit a private copy of <services dir>/SERVICE.toml (exported from",
                    "the node's registry when there is no file). When the editor exits the",
                    "copy is checked: a valid one replaces the file atomically; an invalid",
                    "one saves nothing, every problem is printed, and the copy is kept at",
                    "the path printed. Deploy the result with mcp deploy SERVICE.",
                    "",
                    "Example:",
                    "  EDITOR=nano mcp service edit metacrypt"})
    static final class Edit implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
        private String service;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        private boolean help;

        Edit(CliContext context) {
            this.context = Objects.requireNonNull(context, "'context' must not be null");
        }

        @Override
        public Integer call() {
            Path saved = context.serviceCommands().edit(service);
            spec.commandLine().getErr().println("saved " + saved);
            spec.commandLine().getErr().flush();
            return ExitCodes.OK;
        }
    }
}
