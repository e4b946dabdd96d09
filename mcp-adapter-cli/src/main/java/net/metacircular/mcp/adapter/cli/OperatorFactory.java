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

    /**
     * The MCIAS session ({@code login}, {@code logout}) configured from the same config; needs no token. An app that
     * does not offer it keeps this default, which says so.
     */
    default net.metacircular.mcp.port.in.LoginUseCase login(Optional<Path> configPath) {
        throw new UnsupportedOperationException("this mcp does not offer login");
    }

    /** The node list of the config file ({@code node add|remove}); needs no token. */
    default net.metacircular.mcp.port.in.NodesUseCase nodes(Optional<Path> configPath) {
        throw new UnsupportedOperationException("this mcp does not offer node editing");
    }

    /**
     * The service commands (stop, start, restart, sync, adopt, service show|export|edit) configured from the same
     * config; an app that does not offer them keeps this default, which says so.
     */
    default net.metacircular.mcp.port.in.ServiceCommandsUseCase serviceCommands(Optional<Path> configPath) {
        throw new UnsupportedOperationException("this mcp does not offer the service commands");
    }
}
