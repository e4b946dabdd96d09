package net.metacircular.mcp.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's declaration of one service: its name, whether it should run, and its components.
 *
 * @param name       service name
 * @param active     true: every component should run; false: every component should be stopped
 * @param components the containers that make up the service
 */
public record ServiceSpec(String name, boolean active, List<ComponentSpec> components) {
    public ServiceSpec {
        Objects.requireNonNull(name, "'name' must not be null");
        components = List.copyOf(components);
    }

    /** The component of that name, if the service has one. */
    public Optional<ComponentSpec> component(String componentName) {
        return components.stream().filter(c -> c.name().equals(componentName)).findFirst();
    }

    /** The desired state every component gets from {@link #active()}. */
    public DesiredState desiredState() {
        return active ? DesiredState.RUNNING : DesiredState.STOPPED;
    }

    /** A copy with another {@code active} flag. */
    public ServiceSpec withActive(boolean newActive) {
        return new ServiceSpec(name, newActive, components);
    }
}
