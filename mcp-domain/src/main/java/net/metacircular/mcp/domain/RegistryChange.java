package net.metacircular.mcp.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One atomic change to a node's registry: registries apply all of it in one transaction or none of it.
 * Order of application: removals, service rows, component rows, events.
 *
 * @param removedServices services deleted with their components (events are kept)
 * @param services        service rows to insert or update: name to {@code active}
 * @param components      component rows to insert or update (spec, states, version, start, ID); a missing
 *                        service row is created active
 * @param events          events to append
 */
public record RegistryChange(Set<String> removedServices, Map<String, Boolean> services,
                             List<ComponentRecord> components, List<Event> events) {
    public RegistryChange {
        removedServices = Set.copyOf(removedServices);
        services = Map.copyOf(services);
        components = List.copyOf(components);
        events = List.copyOf(events);
    }

    /** True when applying it would change nothing. */
    public boolean isEmpty() {
        return removedServices.isEmpty() && services.isEmpty() && components.isEmpty() && events.isEmpty();
    }

    /** A builder, since most changes set only one or two parts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the parts of a {@link RegistryChange}. */
    public static final class Builder {
        private final Set<String> removed = new LinkedHashSet<>();
        private final Map<String, Boolean> services = new LinkedHashMap<>();
        private final List<ComponentRecord> components = new ArrayList<>();
        private final List<Event> events = new ArrayList<>();

        private Builder() {
        }

        /** Deletes a service and its components. */
        public Builder removeService(String name) {
            removed.add(name);
            return this;
        }

        /** Inserts or updates a service row. */
        public Builder service(String name, boolean active) {
            services.put(name, active);
            return this;
        }

        /** Inserts or updates component rows. */
        public Builder components(List<ComponentRecord> records) {
            components.addAll(records);
            return this;
        }

        /** Inserts or updates one component row. */
        public Builder component(ComponentRecord record) {
            components.add(record);
            return this;
        }

        /** Appends events. */
        public Builder events(List<Event> more) {
            events.addAll(more);
            return this;
        }

        /** Appends one event. */
        public Builder event(Event e) {
            events.add(e);
            return this;
        }

        /** The change. */
        public RegistryChange build() {
            return new RegistryChange(removed, services, components, events);
        }
    }
}
