package net.metacircular.mcp.application;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.Reconciliation;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * Runs the design's registry reconciliation against the real registry and runtime: one listing, one transaction.
 * When the runtime is unavailable, observed states become {@code unknown}, never {@code removed}.
 */
public final class Reconciler {
    /** How long after its recorded start a container's death must come to be recorded from the event alone. */
    public static final Duration RESTART_SLACK = Duration.ofSeconds(1);
    private final ContainerRuntime runtime;
    private final Registry registry;
    private final InstantSource clock;
    private final ServiceLocks locks;

    public Reconciler(ContainerRuntime runtime, Registry registry, InstantSource clock) {
        this(runtime, registry, clock, new ServiceLocks(clock));
    }

    /**
     * A reconciler that leaves alone every service a writer (a deploy, a stop) holds or held while the runtime was
     * listed, so a container a deploy is replacing is never recorded as {@code removed} nor alerted on.
     */
    public Reconciler(ContainerRuntime runtime, Registry registry, InstantSource clock, ServiceLocks locks) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.locks = Objects.requireNonNull(locks, "'locks' must not be null");
    }

    /**
     * Reconciles once and returns the transitions recorded. Throws the runtime's exception after marking every
     * component {@code unknown} when the runtime is unavailable.
     */
    public synchronized List<Event> reconcile() {
        Map<String, Long> before = new HashMap<>();
        for (ServiceRecord s : registry.services()) {
            before.put(s.name(), locks.generation(s.name()));
        }
        List<ContainerInfo> containers;
        try {
            containers = runtime.list();
        } catch (ContainerRuntimeException e) {
            if (e.unavailable()) {
                markUnknown();
            }
            throw e;
        }
        List<ServiceRecord> all = registry.services();
        List<ServiceRecord> settled = all.stream().filter(s -> settled(s.name(), before)).toList();
        List<String> busy = all.stream().map(ServiceRecord::name).filter(n -> !settled(n, before)).toList();
        // Containers of busy services are left out of the listing too, so they are not taken for unknown ones.
        List<ContainerInfo> visible = busy.isEmpty() ? containers : containers.stream()
                .filter(c -> busy.stream().noneMatch(b -> c.name().equals(b) || c.name().startsWith(b + "-"))).toList();
        return applyUnchanged(Reconciliation.of(settled, visible, clock.instant()), before);
    }

    /**
     * Reconciles only the services that own a component named for one of {@code containers}, against a listing of
     * just their components' containers: what a container event calls for. Containers of no registered component
     * are left to the next full {@link #reconcile()}, which also discovers new ones. Same outage rule as there.
     */
    public synchronized List<Event> reconcile(Set<String> containers) {
        Map<String, Long> before = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ServiceRecord s : registry.services()) {
            if (s.components().stream().anyMatch(c -> containers.contains(c.containerName()))) {
                before.put(s.name(), locks.generation(s.name()));
                s.components().forEach(c -> names.add(c.containerName()));
            }
        }
        if (before.isEmpty()) {
            return List.of();
        }
        List<ContainerInfo> listed;
        try {
            listed = runtime.list(names);
        } catch (ContainerRuntimeException e) {
            if (e.unavailable()) {
                markUnknown();
            }
            throw e;
        }
        // Only services that were listed whole and stayed settled: a component added meanwhile is not in the listing
        // and must not be taken for removed (adding one takes the service's lock, so its service is not settled).
        List<ServiceRecord> settled = registry.services().stream()
                .filter(s -> before.containsKey(s.name()) && settled(s.name(), before))
                .filter(s -> s.components().stream().allMatch(c -> names.contains(c.containerName())))
                .toList();
        Set<String> mine = new HashSet<>();
        settled.forEach(s -> s.components().forEach(c -> mine.add(c.containerName())));
        List<ContainerInfo> visible = listed.stream().filter(c -> mine.contains(c.name())).toList();
        return applyUnchanged(Reconciliation.of(settled, visible, clock.instant()), before);
    }

    /**
     * Writes what {@code r} found for every service that no write holds or changed since {@code before} was taken
     * (a service missing from it, such as a newly discovered container, must never have been locked), holding their
     * locks while it writes: the records were read before, and must not overwrite a deploy's or a stop's write that
     * landed in between. Returns the transitions written.
     */
    private List<Event> applyUnchanged(Reconciliation r, Map<String, Long> before) {
        if (r.isEmpty()) {
            return List.of();
        }
        return applyUnchanged(r.change().components(), r.transitions(), before);
    }

    private List<Event> applyUnchanged(List<ComponentRecord> records, List<Event> events, Map<String, Long> before) {
        Map<String, Long> generations = new HashMap<>();
        records.forEach(c -> generations.put(c.service(), before.getOrDefault(c.service(), 0L)));
        events.forEach(e -> generations.put(e.service(), before.getOrDefault(e.service(), 0L)));
        return locks.withUnchanged(generations, unchanged -> {
            List<ComponentRecord> mine = records.stream().filter(c -> unchanged.contains(c.service())).toList();
            List<Event> written = events.stream().filter(e -> unchanged.contains(e.service())).toList();
            if (!mine.isEmpty() || !written.isEmpty()) {
                registry.apply(RegistryChange.builder().components(mine).events(written).build());
            }
            return written;
        });
    }

    /**
     * Records what the runtime's {@code died} events say, without asking the runtime: the fast path of crash detection
     * (BENCHMARKS.md, P3). A component becomes {@code exited} only when all of these hold, and is otherwise left to
     * the listing that follows every event ({@link #reconcile(Set)}):
     * <ul>
     *   <li>the event names the container ID the registry holds for it, so the death of a container a deploy has
     *       since replaced is not taken for its successor's;</li>
     *   <li>it is observed {@code running};</li>
     *   <li>no write to its service (deploy, stop, restart, ...) holds the service's lock or ran during this call,
     *       nor held it at the moment of the death: a writer records what it did itself (the death inside a restart
     *       is the restart's, and the restart's own listing records the container running again); the record is
     *       written under the service's lock ({@link ServiceLocks#withUnchanged}), so it never overwrites a write;</li>
     *   <li>the death came at least {@link #RESTART_SLACK} after its recorded start, since podman's listing gives start
     *       times in whole seconds and the death inside a restart precedes the new start by less than that.</li>
     * </ul>
     * Returns the transitions recorded.
     */
    public synchronized List<Event> died(List<ContainerEvent> deaths) {
        Map<String, ContainerEvent> byContainer = new HashMap<>();
        for (ContainerEvent e : deaths) {
            if (!e.id().isEmpty()) {
                byContainer.merge(e.container(), e, (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
        }
        if (byContainer.isEmpty()) {
            return List.of();
        }
        Map<String, Long> before = locks.generations(); // before the read: a write that ends during it still counts
        List<ServiceRecord> all = registry.services();
        var now = clock.instant(); // after the read, as in reconcile(): the transition's time is when it was judged
        List<ComponentRecord> updated = new ArrayList<>();
        List<Event> transitions = new ArrayList<>();
        for (ServiceRecord s : all) {
            if (before.getOrDefault(s.name(), 0L) % 2 != 0) {
                continue;
            }
            Optional<Instant> lastWrite = locks.releasedAt(s.name());
            for (ComponentRecord c : s.components()) {
                ContainerEvent death = byContainer.get(c.containerName());
                if (death != null && sameContainer(death.id(), c.containerId()) && c.observed() == ObservedState.RUNNING
                        && c.started() != null && !death.at().isBefore(c.started().plus(RESTART_SLACK))
                        && lastWrite.map(w -> death.at().isAfter(w)).orElse(true)) {
                    updated.add(c.withObservation(ObservedState.EXITED, c.started(), c.containerId()));
                    transitions.add(new Event(c.service(), c.name(), ObservedState.RUNNING, ObservedState.EXITED, now));
                }
            }
        }
        return applyUnchanged(updated, transitions, before);
    }

    /** Podman reports full IDs; a shortened one on either side still names the same container. */
    private static boolean sameContainer(String reported, String recorded) {
        if (reported.isEmpty() || recorded.isEmpty()) {
            return false;
        }
        return reported.length() >= recorded.length() ? reported.startsWith(recorded) : recorded.startsWith(reported);
    }

    /** True when no write to {@code service} held its lock or ran since {@code before} was taken. */
    private boolean settled(String service, Map<String, Long> before) {
        long now = locks.generation(service);
        Long then = before.get(service);
        return now % 2 == 0 && (then == null ? now == 0 : then == now);
    }

    private void markUnknown() {
        Map<String, Long> before = locks.generations();
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
        applyUnchanged(updated, events, before);
    }
}
