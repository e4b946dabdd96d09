package net.metacircular.mcp.domain;

import java.util.List;
import java.util.Objects;

/**
 * The full picture of a node: services with live state, the drifting components, and recent events.
 *
 * @param services services with freshly observed state
 * @param drift    components whose observed state contradicts the desired one
 * @param events   recent events, newest first
 */
public record StatusReport(List<ServiceRecord> services, List<ComponentRecord> drift, List<Event> events) {
    public StatusReport {
        services = List.copyOf(services);
        drift = List.copyOf(drift);
        events = List.copyOf(events);
        Objects.requireNonNull(services);
    }

    /** The drifting components among {@code services}. */
    public static List<ComponentRecord> driftOf(List<ServiceRecord> services) {
        return services.stream().flatMap(s -> s.components().stream()).filter(c -> c.drift().isPresent()).toList();
    }
}
