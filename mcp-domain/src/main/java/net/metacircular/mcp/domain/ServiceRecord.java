package net.metacircular.mcp.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One service as the node's registry knows it.
 *
 * @param name       service name
 * @param active     whether its components should run
 * @param components its components, ordered by name
 */
public record ServiceRecord(String name, boolean active, List<ComponentRecord> components) {
    public ServiceRecord {
        Objects.requireNonNull(name, "'name' must not be null");
        components = List.copyOf(components);
    }

    /** The component of that name, if any. */
    public Optional<ComponentRecord> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    /** The recorded spec, rebuilt from the components. */
    public ServiceSpec spec() {
        return new ServiceSpec(name, active, components.stream().map(ComponentRecord::spec).toList());
    }

    /** True when every component's desired state is {@code ignore}: a discovered, unmanaged container. */
    public boolean ignored() {
        return !components.isEmpty() && components.stream().allMatch(c -> c.desired() == DesiredState.IGNORE);
    }
}
