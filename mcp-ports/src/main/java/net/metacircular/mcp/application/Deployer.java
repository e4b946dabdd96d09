package net.metacircular.mcp.application;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.SpecValidation;
import net.metacircular.mcp.port.in.DeployUseCase;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * The design's deploy flow. Nothing is touched until the spec is valid and the component exists; no container
 * is stopped before its replacement image is pulled; the registry records the deployed specs and what the
 * runtime reports afterwards. Deploys of one service are serialized.
 */
public final class Deployer implements DeployUseCase {
    private static final System.Logger LOG = System.getLogger(Deployer.class.getName());
    /** At most this many components of one service are pulled, replaced and started at the same time. */
    static final int PARALLEL_COMPONENTS = 4;

    private final ContainerRuntime runtime;
    private final Registry registry;
    private final InstantSource clock;
    private final ServiceLocks locks;
    private final Duration stopGrace;

    /**
     * @param runtime   the node's container runtime
     * @param registry  the node's registry
     * @param clock     the source of event times
     * @param locks     per-service locks shared with the other writing use cases
     * @param stopGrace how long a container may take to stop before it is killed
     */
    public Deployer(ContainerRuntime runtime, Registry registry, InstantSource clock, ServiceLocks locks, Duration stopGrace) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.locks = Objects.requireNonNull(locks, "'locks' must not be null");
        this.stopGrace = Objects.requireNonNull(stopGrace, "'stopGrace' must not be null");
    }

    @Override
    public List<ComponentResult> deploy(ServiceSpec spec, Optional<String> component, boolean force) {
        SpecValidation.requireValid(spec);
        List<ComponentSpec> selected = select(spec, component);
        return locks.with(spec.name(), () -> deployLocked(spec, selected, force));
    }

    private static List<ComponentSpec> select(ServiceSpec spec, Optional<String> component) {
        if (component.isEmpty()) {
            return spec.components();
        }
        Names.problem(component.get()).ifPresent(p -> {
            throw new InvalidInputException("component", p);
        });
        return List.of(spec.component(component.get()).orElseThrow(() -> new NotFoundException(
                "service " + spec.name() + " has no component \"" + component.get() + "\"; its components are "
                        + String.join(", ", spec.components().stream().map(ComponentSpec::name).toList()))));
    }

    private List<ComponentResult> deployLocked(ServiceSpec spec, List<ComponentSpec> selected, boolean force) {
        List<ServiceRecord> all = registry.services();
        Optional<ServiceRecord> existing = all.stream().filter(s -> s.name().equals(spec.name())).findFirst();
        List<String> superseded = checkContainerNames(spec, selected, all);

        // 1. Record the deployed specs before touching any container, so a crash mid-deploy leaves intent behind.
        DesiredState desired = spec.desiredState();
        RegistryChange.Builder record = RegistryChange.builder().service(spec.name(), spec.active());
        superseded.forEach(record::removeService);
        Map<String, ComponentRecord> before = new LinkedHashMap<>();
        for (ComponentSpec c : selected) {
            Optional<ComponentRecord> old = existing.flatMap(s -> s.component(c.name()));
            old.ifPresent(o -> before.put(c.name(), o));
            ComponentRecord base = old.orElseGet(() -> new ComponentRecord(spec.name(), c, desired, ObservedState.UNKNOWN, "", null, ""));
            record.component(new ComponentRecord(spec.name(), c, desired, base.observed(), base.version(), base.started(), base.containerId()));
        }
        registry.apply(record.build());

        if (selected.size() == 1) {
            ComponentSpec c = selected.getFirst();
            return List.of(deployOne(spec, c, Optional.ofNullable(before.get(c.name())), force));
        }
        // Components are separate containers: deploying them at once makes a service's deploy last about as long as
        // its slowest component instead of the sum (BENCHMARKS.md, P1). The caller keeps the service's lock until all
        // are done, results keep the spec's order, and the registry serialises the writes.
        Semaphore slots = new Semaphore(PARALLEL_COMPONENTS);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ComponentResult>> running = new ArrayList<>();
            for (ComponentSpec c : selected) {
                running.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return deployOne(spec, c, Optional.ofNullable(before.get(c.name())), force);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<ComponentResult> results = new ArrayList<>();
            for (Future<ComponentResult> f : running) {
                results.add(result(f));
            }
            return results;
        }
    }

    private static ComponentResult result(Future<ComponentResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deploying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Container names the spec's components would take from another service; discovered entries give way. */
    private static List<String> checkContainerNames(ServiceSpec spec, List<ComponentSpec> selected, List<ServiceRecord> all) {
        List<String> superseded = new ArrayList<>();
        for (ComponentSpec c : selected) {
            String container = Names.containerName(spec.name(), c.name());
            for (ServiceRecord other : all) {
                if (other.name().equals(spec.name())) {
                    continue;
                }
                for (ComponentRecord oc : other.components()) {
                    if (!oc.containerName().equals(container)) {
                        continue;
                    }
                    if (other.ignored() && other.components().size() == 1) {
                        superseded.add(other.name());
                    } else {
                        throw new PreconditionException("container " + container + " already belongs to component "
                                + oc.name() + " of service " + other.name());
                    }
                }
            }
        }
        return superseded;
    }

    private ComponentResult deployOne(ServiceSpec spec, ComponentSpec c, Optional<ComponentRecord> before, boolean force) {
        String container = Names.containerName(spec.name(), c.name());
        String imageId;
        try {
            imageId = runtime.pull(c.image());
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deploy {0}: pull of {1} failed: {2}", container, c.image(), e.getMessage());
            return ComponentResult.failed(c.name(), "pull " + c.image() + ": " + e.getMessage());
        }
        try {
            Optional<ContainerInfo> current = runtime.info(container);
            if (!spec.active()) {
                current.filter(d -> d.state() == ObservedState.RUNNING).ifPresent(d -> runtime.stop(container, stopGrace));
                observe(spec.name(), c, container, before);
                return ComponentResult.ok(c.name(), "recorded (service inactive, container not started)");
            }
            boolean unchanged = current.isPresent()
                    && current.get().state() == ObservedState.RUNNING
                    && current.get().imageId().equals(imageId)
                    && before.map(b -> b.spec().equals(c)).orElse(false);
            if (unchanged && !force) {
                observe(spec.name(), c, container, before);
                return ComponentResult.ok(c.name(), "unchanged");
            }
            if (current.isPresent()) {
                runtime.stopAndRemove(container, stopGrace);
            }
            runtime.run(container, c);
            ObservedState now = observe(spec.name(), c, container, before);
            if (now != ObservedState.RUNNING) {
                return ComponentResult.failed(c.name(), "container " + container + " is " + now.wire() + " after start");
            }
            return ComponentResult.ok(c.name(), current.isPresent() ? "replaced" : "created");
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "deploy {0} failed: {1}", container, e.getMessage());
            safeObserve(spec.name(), c, container, before);
            return ComponentResult.failed(c.name(), e.getMessage());
        }
    }

    /** Inspects the container and records its observed state, start, ID and version; returns the state. */
    private ObservedState observe(String service, ComponentSpec c, String container, Optional<ComponentRecord> before) {
        Optional<ContainerInfo> d = runtime.info(container);
        ObservedState prev = registry.service(service).flatMap(s -> s.component(c.name()))
                .map(ComponentRecord::observed).orElse(before.map(ComponentRecord::observed).orElse(ObservedState.UNKNOWN));
        ObservedState now = d.map(ContainerInfo::state).orElse(ObservedState.REMOVED);
        ComponentRecord current = registry.service(service).flatMap(s -> s.component(c.name())).orElseThrow();
        ComponentRecord next = new ComponentRecord(service, c, current.desired(), now, c.version(),
                d.map(ContainerInfo::started).orElse(null), d.map(ContainerInfo::id).orElse(""));
        RegistryChange.Builder change = RegistryChange.builder().component(next);
        if (prev != now) {
            change.event(new Event(service, c.name(), prev, now, clock.instant()));
        }
        registry.apply(change.build());
        return now;
    }

    private void safeObserve(String service, ComponentSpec c, String container, Optional<ComponentRecord> before) {
        try {
            observe(service, c, container, before);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not record the state of {0}: {1}", container, e.getMessage());
        }
    }
}
