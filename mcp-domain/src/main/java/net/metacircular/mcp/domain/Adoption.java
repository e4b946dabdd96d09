package net.metacircular.mcp.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The design's adoption rules as pure functions. A container belongs to {@code <service>} when it is named
 * {@code <service>} (component {@code <service>}) or {@code <service>-<component>}; it is left alone when it already
 * is a component of another managed service, or when another managed service's name is a longer prefix of it
 * (adopting {@code mc} leaves {@code mc-proxy}'s containers to the service {@code mc-proxy}). Discovered
 * ({@code ignore}) entries never count as services here: they are what adoption claims.
 *
 * @param matches containers to adopt, with the component each becomes, in listing order
 * @param skipped containers whose name matches but which are left alone (another service's), or whose derived
 *                component name is not valid (a failure), in listing order
 */
public record Adoption(List<Match> matches, List<AdoptResult> skipped) {
    public Adoption {
        matches = List.copyOf(matches);
        skipped = List.copyOf(skipped);
    }

    /**
     * A container to adopt.
     *
     * @param container the runtime's container name
     * @param component the component it becomes
     */
    public record Match(String container, String component) {
        public Match {
            Objects.requireNonNull(container, "'container' must not be null");
            Objects.requireNonNull(component, "'component' must not be null");
        }
    }

    /** Which of {@code containers} adopting {@code service} claims, given the node's {@code registry}. */
    public static Adoption plan(String service, List<ServiceRecord> registry, List<ContainerInfo> containers) {
        Names.require("service", service);
        List<ServiceRecord> managed = registry.stream().filter(s -> !s.ignored()).toList();
        List<Match> matches = new ArrayList<>();
        List<AdoptResult> skipped = new ArrayList<>();
        for (ContainerInfo c : containers) {
            Optional<String> component = Names.componentOf(service, c.name());
            if (component.isEmpty()) {
                continue;
            }
            Optional<String> reason = leftAlone(service, c.name(), managed);
            if (reason.isPresent()) {
                skipped.add(AdoptResult.leftAlone(c.name(), component.get(), reason.get()));
            } else if (!Names.isValid(component.get())) {
                skipped.add(AdoptResult.failed(c.name(), component.get(),
                        "component name " + Names.problem(component.get()).orElseThrow()));
            } else {
                matches.add(new Match(c.name(), component.get()));
            }
        }
        return new Adoption(matches, skipped);
    }

    private static Optional<String> leftAlone(String service, String container, List<ServiceRecord> managed) {
        for (ServiceRecord s : managed) {
            for (ComponentRecord c : s.components()) {
                if (c.containerName().equals(container)) {
                    return Optional.of(s.name().equals(service)
                            ? "already component " + c.name() + " of service " + service
                            : "belongs to component " + c.name() + " of service " + s.name());
                }
            }
        }
        for (ServiceRecord s : managed) {
            boolean longerPrefix = s.name().startsWith(service + "-");
            if (longerPrefix && (container.equals(s.name()) || container.startsWith(s.name() + "-"))) {
                return Optional.of("matches the longer prefix of service " + s.name());
            }
        }
        return Optional.empty();
    }

    /**
     * The registry change that records the inspected {@code adopted} containers as components of {@code service}:
     * each component's spec is what the runtime reports (renamed to the component), its desired state follows the
     * container's (running, else stopped), and the discovered entries the containers had are removed. A new service
     * is active when any adopted container runs; an existing managed service keeps its {@code active} flag.
     *
     * @param service  the service adopting
     * @param registry the node's registry
     * @param adopted  the inspected containers, each paired with its match
     */
    public static RegistryChange record(String service, List<ServiceRecord> registry, List<Adopted> adopted) {
        Optional<ServiceRecord> existing = registry.stream()
                .filter(s -> s.name().equals(service) && !s.ignored()).findFirst();
        Set<String> containers = new HashSet<>();
        adopted.forEach(a -> containers.add(a.match().container()));
        RegistryChange.Builder change = RegistryChange.builder();
        for (ServiceRecord s : registry) {
            // A discovered entry whose every container is adopted has nothing left to track. One with the adopting
            // service's own name gives the name up: its container was adopted, or it is gone (renamed to the
            // convention before adoption, as the bootstrap asks), and a stale component must not join the service.
            if (s.ignored() && (s.name().equals(service)
                    || s.components().stream().allMatch(c -> containers.contains(c.containerName())))) {
                change.removeService(s.name());
            }
        }
        boolean anyRunning = adopted.stream().anyMatch(a -> a.details().info().state() == ObservedState.RUNNING);
        change.service(service, existing.map(ServiceRecord::active).orElse(anyRunning));
        for (Adopted a : adopted) {
            ContainerInfo info = a.details().info();
            ComponentSpec spec = a.details().spec().withName(a.match().component());
            DesiredState desired = info.state() == ObservedState.RUNNING ? DesiredState.RUNNING : DesiredState.STOPPED;
            change.component(new ComponentRecord(service, spec, desired, info.state(), spec.version(), info.started(),
                    info.id()));
        }
        return change.build();
    }

    /**
     * A matched container as the runtime inspected it.
     *
     * @param match   the match
     * @param details what the runtime reports about it
     */
    public record Adopted(Match match, ContainerDetails details) {
        public Adopted {
            Objects.requireNonNull(match, "'match' must not be null");
            Objects.requireNonNull(details, "'details' must not be null");
        }
    }
}
