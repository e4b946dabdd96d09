package net.metacircular.mcp.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.domain.SpecValidation;
import net.metacircular.mcp.domain.SyncPlan;
import net.metacircular.mcp.port.in.SyncUseCase;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * The agent's SyncDesiredState: reconciles (which records unknown containers as {@code ignore}), applies the
 * {@link SyncPlan} of each pushed service under that service's lock, stops or starts the containers the plans name,
 * and reconciles again so the registry shows the result. Nothing is ever removed.
 */
public final class Syncer implements SyncUseCase {
    private static final System.Logger LOG = System.getLogger(Syncer.class.getName());

    private final ContainerRuntime runtime;
    private final Registry registry;
    private final Reconciler reconciler;
    private final ServiceLocks locks;
    private final Duration stopGrace;

    /**
     * @param runtime    the node's container runtime
     * @param registry   the node's registry
     * @param reconciler discovers containers and records observed states
     * @param locks      per-service locks shared with the other writing use cases
     * @param stopGrace  how long a container may take to stop before it is killed
     */
    public Syncer(ContainerRuntime runtime, Registry registry, Reconciler reconciler, ServiceLocks locks,
                  Duration stopGrace) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.reconciler = Objects.requireNonNull(reconciler, "'reconciler' must not be null");
        this.locks = Objects.requireNonNull(locks, "'locks' must not be null");
        this.stopGrace = Objects.requireNonNull(stopGrace, "'stopGrace' must not be null");
    }

    @Override
    public List<ServiceSyncResult> sync(List<ServiceSpec> services) {
        validate(services);
        List<ServiceRecord> before = registry.services();
        // A runtime that cannot be asked fails the sync: recording intent against unknown states would mislead.
        reconciler.reconcile();
        List<ServiceSyncResult> results = new ArrayList<>();
        for (ServiceSpec spec : services) {
            results.add(locks.with(spec.name(), () -> syncOne(spec)));
        }
        try {
            reconciler.reconcile();
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync: could not record the observed states: {0}", e.getMessage());
        }
        List<ServiceRecord> after = registry.services();
        results.addAll(SyncPlan.absent(services, after));
        results.addAll(SyncPlan.unmanaged(before, after));
        return results;
    }

    private static void validate(List<ServiceSpec> services) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceSpec s = services.get(i);
            String at = "services[" + i + "]";
            SpecValidation.validate(s).forEach(p -> problems.add(p.prefixed(at)));
            if (!seen.add(s.name())) {
                problems.add(new Problem(at + ".name", "service \"" + s.name() + "\" is pushed twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private ServiceSyncResult syncOne(ServiceSpec spec) {
        SyncPlan plan = SyncPlan.of(spec, registry.services());
        if (!plan.change().isEmpty()) {
            registry.apply(plan.change());
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (SyncPlan.Action a : plan.actions()) {
            try {
                switch (a.verb()) {
                    case STOP -> runtime.stop(a.container(), stopGrace);
                    case START -> runtime.start(a.container());
                }
            } catch (ContainerRuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "sync {0}: {1} {2} failed: {3}", spec.name(), a.verb(),
                        a.container(), e.getMessage());
                failures.put(a.component(), e.getMessage());
            }
        }
        return plan.result(failures);
    }
}
