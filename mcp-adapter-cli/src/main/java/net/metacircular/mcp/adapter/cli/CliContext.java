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
