package net.metacircular.mcp.port.out;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ServiceDefinition;

/**
 * The operator's service definition files. Reading a file that is not a valid definition throws
 * {@link net.metacircular.mcp.domain.InvalidInputException} with every problem and its field path.
 */
public interface DefinitionStore {
    /** The definition of {@code service} in the services directory, if a file exists for it. */
    Optional<ServiceDefinition> find(String service);

    /** The definition in an explicit file. */
    ServiceDefinition read(Path file);

    /** Every definition in the services directory, ordered by service name. */
    List<ServiceDefinition> all();
}
