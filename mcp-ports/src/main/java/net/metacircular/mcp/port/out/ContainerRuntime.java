package net.metacircular.mcp.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /** The container of that name in full, or empty when there is none. */
    Optional<ContainerDetails> inspect(String container);

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
}
