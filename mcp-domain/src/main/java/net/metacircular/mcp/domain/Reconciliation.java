package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The design's registry reconciliation as a pure function: the registry and one listing of the runtime in, the
 * registry change out. Components found in the runtime take its state; components missing from it become
 * {@code removed}; containers the registry does not know are added as their own service with desired {@code ignore}.
 *
 * @param change     what to write to the registry, events included
 * @param transitions the observed-state transitions found, in registry order
 */
public record Reconciliation(RegistryChange change, List<Event> transitions) {
    public Reconciliation {
        Objects.requireNonNull(change, "'change' must not be null");
        transitions = List.copyOf(transitions);
    }

    /** Reconciles {@code registry} against a full listing {@code containers} taken at {@code now}. */
    public static Reconciliation of(List<ServiceRecord> registry, List<ContainerInfo> containers, Instant now) {
        Map<String, ContainerInfo> byName = new HashMap<>();
        for (ContainerInfo c : containers) {
            byName.put(c.name(), c);
        }
        Set<String> claimed = new HashSet<>();
        List<ComponentRecord> updated = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (ServiceRecord s : registry) {
            for (ComponentRecord c : s.components()) {
                ContainerInfo seen = byName.get(c.containerName());
                claimed.add(c.containerName());
                ComponentRecord next = seen == null
                        ? c.withObservation(ObservedState.REMOVED, c.started(), "")
                        : c.withObservation(seen.state(), seen.started(), seen.id());
                if (!next.equals(c)) {
                    updated.add(next);
                }
                if (next.observed() != c.observed()) {
                    events.add(new Event(c.service(), c.name(), c.observed(), next.observed(), now));
                }
            }
        }
        List<ComponentRecord> discovered = new ArrayList<>();
        for (ContainerInfo c : containers) {
            if (!claimed.contains(c.name())) {
                discovered.add(discovered(c));
            }
        }
        RegistryChange change = RegistryChange.builder()
                .components(updated)
                .components(discovered)
                .events(events)
                .build();
        return new Reconciliation(change, events);
    }

    /** The registry entry for a container MCP did not deploy: its own service, desired {@code ignore}. */
    public static ComponentRecord discovered(ContainerInfo c) {
        return new ComponentRecord(c.name(), ComponentSpec.of(c.name(), c.image()), DesiredState.IGNORE, c.state(),
                ImageRef.versionOf(c.image()), c.started(), c.id());
    }

    /** True when the reconciliation changes nothing. */
    public boolean isEmpty() {
        return change.isEmpty();
    }
}
