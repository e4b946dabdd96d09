package net.metacircular.mcp.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a sync does to one pushed service, decided purely from the service's spec and the node's freshly reconciled
 * registry. Sync updates desired state without deploying: it records the desired state of every component, records
 * the spec of a component that has no container yet (so a later deploy creates it), keeps the deployed spec of a
 * component that has a container (so a later deploy still sees the difference and replaces it), stops the running
 * containers of an inactive service, starts the stopped containers of an active one, and never removes anything.
 *
 * @param service the pushed service
 * @param change  what to write to the registry; empty when the service is refused
 * @param actions containers to stop or start after the change is applied
 * @param changed whether the registry's desired state or spec of the service changes
 * @param notes   what the operator should know, one short clause each
 */
public record SyncPlan(String service, RegistryChange change, List<Action> actions, boolean changed, List<String> notes) {
    public SyncPlan {
        Objects.requireNonNull(service, "'service' must not be null");
        Objects.requireNonNull(change, "'change' must not be null");
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
    }

    /** What to do to one container. */
    public enum Verb {
        STOP,
        START
    }

    /**
     * One container to stop or start.
     *
     * @param component the component
     * @param container its container
     * @param verb      stop or start
     */
    public record Action(String component, String container, Verb verb) {
        public Action {
            Objects.requireNonNull(component, "'component' must not be null");
            Objects.requireNonNull(container, "'container' must not be null");
            Objects.requireNonNull(verb, "'verb' must not be null");
        }
    }

    /** The plan for {@code spec} against {@code registry}; {@code spec} must already be valid. */
    public static SyncPlan of(ServiceSpec spec, List<ServiceRecord> registry) {
        Optional<String> conflict = conflict(spec, registry);
        if (conflict.isPresent()) {
            return new SyncPlan(spec.name(), RegistryChange.builder().build(), List.of(), false,
                    List.of("refused: " + conflict.get()));
        }
        Optional<ServiceRecord> existing = registry.stream()
                .filter(s -> s.name().equals(spec.name()) && !s.ignored()).findFirst();
        Set<String> unmanaged = new HashSet<>();
        registry.stream().filter(ServiceRecord::ignored).forEach(s -> s.components().stream()
                .filter(c -> c.observed() != ObservedState.REMOVED)
                .forEach(c -> unmanaged.add(c.containerName())));
        DesiredState desired = spec.desiredState();
        RegistryChange.Builder change = RegistryChange.builder();
        boolean changed = existing.map(s -> s.active() != spec.active()).orElse(false);
        int recorded = 0;
        List<Action> actions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (ComponentSpec c : spec.components()) {
            String container = Names.containerName(spec.name(), c.name());
            Optional<ComponentRecord> rec = existing.flatMap(s -> s.component(c.name()));
            if (rec.isEmpty()) {
                if (unmanaged.contains(container)) {
                    notes.add(c.name() + ": container " + container + " is unmanaged (adopt or deploy the service)");
                    continue;
                }
                change.component(new ComponentRecord(spec.name(), c, desired, ObservedState.REMOVED, c.version(), null, ""));
                changed = true;
                recorded++;
                notes.add(c.name() + ": recorded, no container yet (deploy to create it)");
                continue;
            }
            ComponentRecord r = rec.get();
            change.component(r.withDesired(desired));
            recorded++;
            changed |= r.desired() != desired;
            if (!r.spec().equals(c)) {
                notes.add(c.name() + ": spec differs from the deployed one (deploy to apply it)");
            }
            switch (r.observed()) {
                case RUNNING -> {
                    if (!spec.active()) {
                        actions.add(new Action(c.name(), container, Verb.STOP));
                    }
                }
                case STOPPED, EXITED -> {
                    if (spec.active()) {
                        actions.add(new Action(c.name(), container, Verb.START));
                    }
                }
                case REMOVED -> {
                    if (spec.active()) {
                        notes.add(c.name() + ": no container (deploy to create it)");
                    }
                }
                case UNKNOWN -> notes.add(c.name() + ": state unknown, left as is");
            }
        }
        existing.ifPresent(s -> s.components().stream()
                .filter(r -> spec.component(r.name()).isEmpty())
                .forEach(r -> notes.add(r.name() + ": not in the definition, left as is")));
        if (existing.isPresent() || recorded > 0) {
            change.service(spec.name(), spec.active());
        }
        return new SyncPlan(spec.name(), change.build(), actions, changed, notes);
    }

    /** A container of the spec that already belongs to another managed service. */
    private static Optional<String> conflict(ServiceSpec spec, List<ServiceRecord> registry) {
        for (ComponentSpec c : spec.components()) {
            String container = Names.containerName(spec.name(), c.name());
            for (ServiceRecord other : registry) {
                if (other.name().equals(spec.name()) || other.ignored()) {
                    continue;
                }
                for (ComponentRecord oc : other.components()) {
                    if (oc.containerName().equals(container)) {
                        return Optional.of("container " + container + " belongs to component " + oc.name()
                                + " of service " + other.name());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The one-line result of this plan once its actions ran; {@code failed} maps a component whose action failed to
     * why. A failed action makes no difference to {@code changed}: the desired state was recorded before it ran.
     */
    public ServiceSyncResult result(Map<String, String> failed) {
        List<String> parts = new ArrayList<>();
        boolean refused = !notes.isEmpty() && notes.getFirst().startsWith("refused: ");
        if (!refused) {
            parts.add(changed ? "desired state recorded" : "unchanged");
        }
        for (Action a : actions) {
            boolean stop = a.verb() == Verb.STOP;
            String why = failed.get(a.component());
            parts.add(why == null ? (stop ? "stopped " : "started ") + a.component()
                    : a.component() + ": " + (stop ? "stop" : "start") + " failed: " + why);
        }
        parts.addAll(notes);
        return new ServiceSyncResult(service, changed, String.join("; ", parts));
    }

    /** Managed services of {@code registry} the push lacks: they are reported, never removed or touched. */
    public static List<ServiceSyncResult> absent(List<ServiceSpec> pushed, List<ServiceRecord> registry) {
        Set<String> names = new HashSet<>();
        pushed.forEach(s -> names.add(s.name()));
        return registry.stream()
                .filter(s -> !s.ignored() && !names.contains(s.name()))
                .map(s -> new ServiceSyncResult(s.name(), false, "not in any definition for this node; left as is"))
                .toList();
    }

    /**
     * The discovered ({@code ignore}) services of {@code after}: changed when {@code before} did not have them
     * (this sync discovered them), unchanged otherwise. Either way they are left alone.
     */
    public static List<ServiceSyncResult> unmanaged(List<ServiceRecord> before, List<ServiceRecord> after) {
        Set<String> known = new HashSet<>();
        before.forEach(s -> known.add(s.name()));
        return after.stream()
                .filter(ServiceRecord::ignored)
                .map(s -> {
                    String containers = String.join(", ", s.components().stream().map(ComponentRecord::containerName).toList());
                    return known.contains(s.name())
                            ? new ServiceSyncResult(s.name(), false, "unmanaged container " + containers + " (ignore)")
                            : new ServiceSyncResult(s.name(), true, "discovered container " + containers + "; recorded as ignore");
                })
                .toList();
    }
}
