package net.metacircular.mcp.application;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.Reconciliation;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * Runs the design's registry reconciliation against the real registry and runtime: one listing, one transaction.
 * When the runtime is unavailable, observed states become {@code unknown}, never {@code removed}.
 */
public final class Reconciler {
    private final ContainerRuntime runtime;
    private final Registry registry;
    private final InstantSource clock;

    public Reconciler(ContainerRuntime runtime, Registry registry, InstantSource clock) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /**
     * Reconciles once and returns the transitions recorded. Throws the runtime's exception after marking every
     * component {@code unknown} when the runtime is unavailable.
     */
    public synchronized List<Event> reconcile() {
        List<ContainerInfo> containers;
        try {
            containers = runtime.list();
        } catch (ContainerRuntimeException e) {
            if (e.unavailable()) {
                markUnknown();
            }
            throw e;
        }
        Reconciliation r = Reconciliation.of(registry.services(), containers, clock.instant());
        if (!r.isEmpty()) {
            registry.apply(r.change());
        }
        return r.transitions();
    }

    private void markUnknown() {
        List<ComponentRecord> updated = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        var now = clock.instant();
        for (ServiceRecord s : registry.services()) {
            for (ComponentRecord c : s.components()) {
                if (c.observed() != ObservedState.UNKNOWN) {
                    updated.add(c.withObservation(ObservedState.UNKNOWN, c.started(), c.containerId()));
                    events.add(new Event(c.service(), c.name(), c.observed(), ObservedState.UNKNOWN, now));
                }
            }
        }
        if (!updated.isEmpty()) {
            registry.apply(RegistryChange.builder().components(updated).events(events).build());
        }
    }
}
