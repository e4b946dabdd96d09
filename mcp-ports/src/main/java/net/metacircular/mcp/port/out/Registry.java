package net.metacircular.mcp.port.out;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;

/**
 * The node's durable registry: services, components, their desired and observed states, and the event log.
 * A write that cannot get the store's lock within its busy timeout fails with {@link RegistryBusyException}
 * and changes nothing.
 */
public interface Registry extends AutoCloseable {
    /** Every service with its components, ordered by service then component name. */
    List<ServiceRecord> services();

    /**
     * The container names of every component with a desired state other than {@code ignore}: the containers whose
     * events the monitor acts on. Asked once per container event, so a store should answer it without loading every
     * service; this default does load them.
     */
    default Set<String> managedContainers() {
        return services().stream().flatMap(s -> s.components().stream())
                .filter(c -> c.desired() != DesiredState.IGNORE).map(ComponentRecord::containerName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** One service with its components. */
    Optional<ServiceRecord> service(String name);

    /** Applies the whole change in one transaction, or nothing of it. */
    void apply(RegistryChange change);

    /** The newest events, newest first; only those of {@code service} when given. */
    List<Event> recentEvents(Optional<String> service, int limit);

    /** Events of one component at or after {@code since}, oldest first. */
    List<Event> events(String service, String component, Instant since);

    /** Deletes events older than {@code before}; returns how many. */
    int pruneEvents(Instant before);

    /** Writes a consistent copy of the registry to {@code target}, which must not exist. */
    void snapshot(Path target);

    /** True when the registry answers a trivial query. */
    boolean healthy();

    @Override
    void close();
}
