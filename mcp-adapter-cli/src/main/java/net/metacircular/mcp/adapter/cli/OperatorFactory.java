package net.metacircular.mcp.adapter.cli;

import java.nio.file.Path;
import java.util.Optional;
import net.metacircular.mcp.port.in.OperatorUseCase;

/**
 * Builds the operator use case once the command line is parsed, because the config file it needs is only known
 * after {@code --config}. Supplied by the CLI app, which reads the config and wires the adapters.
 */
@FunctionalInterface
public interface OperatorFactory {
    /**
     * The use case configured from {@code configPath}, or from the default location ({@code $MCP_CONFIG}, else
     * {@code ~/.config/mcp/mcp.toml}) when empty. A bad config throws
     * {@link net.metacircular.mcp.domain.InvalidInputException} with every problem.
     */
    OperatorUseCase create(Optional<Path> configPath);
}
