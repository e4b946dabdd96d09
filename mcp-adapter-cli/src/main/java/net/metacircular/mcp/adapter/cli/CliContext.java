package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.port.in.OperatorUseCase;

/**
 * What every {@code mcp} command shares: the global {@code --config} option and the operator use case built from
 * it on first use, the terminal, and the clock that uptimes are measured against.
 */
final class CliContext {
    private final OperatorFactory factory;
    private final TerminalInfo terminal;
    private final InstantSource clock;
    private Path config;
    private OperatorUseCase operator;
    private Prompter prompter = Prompters.NONE;
    private net.metacircular.mcp.port.in.ServiceCommandsUseCase serviceCommands;

    CliContext(OperatorFactory factory, TerminalInfo terminal, InstantSource clock) {
        this.factory = Objects.requireNonNull(factory, "'factory' must not be null");
        this.terminal = Objects.requireNonNull(terminal, "'terminal' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    void config(Path path) {
        // picocli may reset an unset option with null; an explicit --config must survive that.
        if (path != null) {
            config = path;
        }
    }

    Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    /** The operator, created from the config on first use. */
    OperatorUseCase operator() {
        if (operator == null) {
            operator = Objects.requireNonNull(factory.create(config()), "the operator factory returned null");
        }
        return operator;
    }

    /** The service commands, created from the config on first use. */
    net.metacircular.mcp.port.in.ServiceCommandsUseCase serviceCommands() {
        if (serviceCommands == null) {
            serviceCommands = Objects.requireNonNull(factory.serviceCommands(config()),
                    "the operator factory returned null service commands");
        }
        return serviceCommands;
    }

    /** The session use case, created from the config (no token needed). */
    net.metacircular.mcp.port.in.LoginUseCase login() {
        return Objects.requireNonNull(factory.login(config()), "the operator factory returned no login use case");
    }

    /** The node list use case, created from the config (no token needed). */
    net.metacircular.mcp.port.in.NodesUseCase nodes() {
        return Objects.requireNonNull(factory.nodes(config()), "the operator factory returned no nodes use case");
    }

    CliContext prompter(Prompter p) {
        this.prompter = Objects.requireNonNull(p, "'p' must not be null");
        return this;
    }

    /** The terminal seam for questions to the operator. */
    Prompter prompter() {
        return prompter;
    }

    /** The operator if a command already created it (the error mapper must not read the config itself). */
    Optional<OperatorUseCase> created() {
        return Optional.ofNullable(operator);
    }

    TerminalInfo terminal() {
        return terminal;
    }

    InstantSource clock() {
        return clock;
    }
}
