package net.metacircular.mcp.port.out;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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

    /**
     * Sets {@code active} in the file of {@code service}, changing only that line (or inserting it after the
     * {@code node} line when absent) so every comment and all formatting survive; written atomically with the file's
     * permissions kept. Returns the file, or empty when the service has no file.
     */
    Optional<Path> setActive(String service, boolean active);

    /** Writes {@code def} to {@code file}, else to the services directory, atomically; returns where it went. */
    Path write(ServiceDefinition def, Optional<Path> file);

    /**
     * A private draft of {@code service}'s definition for the operator to edit: a copy of its file, or
     * {@code whenMissing} rendered when it has none.
     */
    Path draft(String service, Supplier<ServiceDefinition> whenMissing);

    /**
     * Replaces {@code service}'s file atomically with {@code draft} when the draft is a valid definition of that
     * service, deletes the draft and returns the file. An invalid draft throws
     * {@link net.metacircular.mcp.domain.InvalidInputException} with every problem and is kept.
     */
    Path commit(String service, Path draft);
}
