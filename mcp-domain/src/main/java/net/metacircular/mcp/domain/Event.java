package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One observed-state transition of a component.
 *
 * @param service   service name
 * @param component component name
 * @param prev      observed state before
 * @param next      observed state after
 * @param at        when the agent noticed the transition
 */
public record Event(String service, String component, ObservedState prev, ObservedState next, Instant at) {
    public Event {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        Objects.requireNonNull(prev, "'prev' must not be null");
        Objects.requireNonNull(next, "'next' must not be null");
        Objects.requireNonNull(at, "'at' must not be null");
    }
}
