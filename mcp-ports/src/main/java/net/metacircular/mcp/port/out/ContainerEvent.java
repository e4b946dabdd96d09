package net.metacircular.mcp.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * One lifecycle event the container runtime reported for a container, as the runtime words it ({@code start},
 * {@code died}, {@code stop}, {@code remove}, ...).
 *
 * @param container the container's name
 * @param action    what happened, in the runtime's word
 * @param at        when the runtime says it happened
 * @param id        the container's ID as the runtime reported it; empty when it did not say
 */
public record ContainerEvent(String container, String action, Instant at, String id) {
    public ContainerEvent {
        Objects.requireNonNull(container, "'container' must not be null");
        Objects.requireNonNull(action, "'action' must not be null");
        Objects.requireNonNull(at, "'at' must not be null");
        Objects.requireNonNull(id, "'id' must not be null");
    }

    /** An event whose container ID the runtime did not report. */
    public ContainerEvent(String container, String action, Instant at) {
        this(container, action, at, "");
    }
}
