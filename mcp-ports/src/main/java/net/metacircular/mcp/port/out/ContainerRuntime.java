package net.metacircular.mcp.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;

/**
 * The node's container runtime, the "dumb" part the agent drives. Every call is bounded in time; every failure
 * is a {@link ContainerRuntimeException} saying whether the runtime itself is unavailable.
 */
public interface ContainerRuntime {
    /** The runtime's name as reported by NodeStatus: {@code podman} or {@code fake}. */
    String name();

    /** The runtime's version. */
    String version();

    /** Every container on the node, running or not, in one runtime call. */
    List<ContainerInfo> list();

    /**
     * The containers named exactly one of {@code names}, running or not, as {@link #list()} shows them, in one
     * runtime call (none when {@code names} is empty). The monitor's event-driven checks use it, so a crash costs a
     * listing of the containers concerned rather than of the whole node. This default filters {@link #list()}.
     */
    default List<ContainerInfo> list(Set<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return list().stream().filter(c -> names.contains(c.name())).toList();
    }

    /** The container of that name in full, or empty when there is none. */
    Optional<ContainerDetails> inspect(String container);

    /**
     * The container of that name as a listing shows it (state, ID, image ID, start), or empty when there is none: what
     * a deploy checks before and after it acts, in one runtime call where {@link #inspect} may need two (BENCHMARKS.md,
     * P1). This default asks {@link #list(Set)}.
     */
    default Optional<ContainerInfo> info(String container) {
        return list(Set.of(container)).stream().findFirst();
    }

    /** Pulls {@code image} and returns the ID of the pulled image. */
    String pull(String image);

    /** The ID of {@code image} in local storage, or empty when it is not there. */
    Optional<String> imageId(String image);

    /** Creates and starts {@code container} detached from {@code spec}; returns its ID. */
    String run(String container, ComponentSpec spec);

    /** Starts an existing container. */
    void start(String container);

    /** Stops a container, killing it after {@code grace}; stopping a stopped container succeeds. */
    void stop(String container, Duration grace);

    /** Restarts a container. */
    void restart(String container, Duration grace);

    /** Removes a stopped container; removing a missing container succeeds. */
    void remove(String container);

    /**
     * Stops the container, killing it after {@code grace}, and removes it; nothing when there is none. One runtime
     * call where the runtime can (a deploy's replacement, BENCHMARKS.md P1); this default is {@link #stop} then
     * {@link #remove}.
     */
    default void stopAndRemove(String container, Duration grace) {
        stop(container, grace);
        remove(container);
    }
}
