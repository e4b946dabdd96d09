package net.metacircular.mcp.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.port.in.LifecycleUseCase;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * The agent's StopService, StartService and RestartService. The desired state is recorded before any container is
 * touched, so a failure half-way leaves the operator's intent behind for drift to report; every component is tried
 * even when an earlier one fails; the registry is reconciled afterwards so observed states and events are current.
 */
public final class ServiceLifecycle implements LifecycleUseCase {
    private static final System.Logger LOG = System.getLogger(ServiceLifecycle.class.getName());

    private final ContainerRuntime runtime;
    private final Registry registry;
    private final Reconciler reconciler;
    private final ServiceLocks locks;
    private final Duration stopGrace;

    /**
     * @param runtime    the node's container runtime
     * @param registry   the node's registry
     * @param reconciler records observed states and events after the containers changed
     * @param locks      per-service locks shared with the other writing use cases
     * @param stopGrace  how long a container may take to stop before it is killed
     */
    public ServiceLifecycle(ContainerRuntime runtime, Registry registry, Reconciler reconciler, ServiceLocks locks,
                            Duration stopGrace) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.reconciler = Objects.requireNonNull(reconciler, "'reconciler' must not be null");
        this.locks = Objects.requireNonNull(locks, "'locks' must not be null");
        this.stopGrace = Objects.requireNonNull(stopGrace, "'stopGrace' must not be null");
    }

    @Override
    public List<ComponentResult> apply(LifecycleAction action, String service) {
        Objects.requireNonNull(action, "'action' must not be null");
        Names.require("service", service);
        List<ComponentResult> results = locks.with(service, () -> applyLocked(action, service));
        try {
            reconciler.reconcile();
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} {1}: could not record the observed states: {2}",
                    action.verb(), service, e.getMessage());
        }
        return results;
    }

    private List<ComponentResult> applyLocked(LifecycleAction action, String service) {
        ServiceRecord s = registry.service(service).orElseThrow(() -> new NotFoundException(
                "service " + service + " is not in the registry of this node; deploy or adopt it first"));
        if (s.ignored()) {
            throw new PreconditionException("service " + service + " is a discovered container MCP does not manage"
                    + " (desired state ignore); adopt it first: mcp adopt " + service);
        }
        Optional<DesiredState> desired = action.desired();
        if (desired.isPresent()) {
            RegistryChange.Builder change = RegistryChange.builder().service(service, action.active().orElseThrow());
            s.components().forEach(c -> change.component(c.withDesired(desired.get())));
            registry.apply(change.build());
        }
        List<ComponentResult> results = new ArrayList<>();
        for (ComponentRecord c : s.components()) {
            results.add(one(action, c));
        }
        return results;
    }

    private ComponentResult one(LifecycleAction action, ComponentRecord c) {
        String container = c.containerName();
        try {
            Optional<ContainerDetails> current = runtime.inspect(container);
            if (current.isEmpty()) {
                return action == LifecycleAction.STOP
                        ? ComponentResult.ok(c.name(), "no container")
                        : ComponentResult.failed(c.name(), "container " + container + " does not exist; deploy to create it");
            }
            boolean running = current.get().info().state() == ObservedState.RUNNING;
            return switch (action) {
                case STOP -> {
                    if (running) {
                        runtime.stop(container, stopGrace);
                    }
                    yield ComponentResult.ok(c.name(), running ? "stopped" : "already stopped");
                }
                case START -> {
                    if (running) {
                        yield ComponentResult.ok(c.name(), "already running");
                    }
                    runtime.start(container);
                    yield verifyRunning(c, container, "started", "start");
                }
                case RESTART -> {
                    runtime.restart(container, stopGrace);
                    yield verifyRunning(c, container, "restarted", "restart");
                }
            };
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} {1} failed: {2}", action.verb(), container, e.getMessage());
            return ComponentResult.failed(c.name(), e.getMessage());
        }
    }

    private ComponentResult verifyRunning(ComponentRecord c, String container, String done, String verb) {
        ObservedState now = runtime.inspect(container).map(d -> d.info().state()).orElse(ObservedState.REMOVED);
        return now == ObservedState.RUNNING ? ComponentResult.ok(c.name(), done)
                : ComponentResult.failed(c.name(), "container " + container + " is " + now.wire() + " after " + verb);
    }
}
