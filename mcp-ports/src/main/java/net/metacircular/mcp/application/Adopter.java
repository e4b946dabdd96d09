package net.metacircular.mcp.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.Adoption;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.port.in.AdoptUseCase;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * The agent's AdoptContainer: lists the runtime's containers, lets {@link Adoption} pick the service's, inspects each
 * and records what the runtime reports as the component's spec, all in one registry transaction under the service's
 * lock. No container is touched.
 */
public final class Adopter implements AdoptUseCase {
    private static final System.Logger LOG = System.getLogger(Adopter.class.getName());

    private final ContainerRuntime runtime;
    private final Registry registry;
    private final ServiceLocks locks;

    /**
     * @param runtime  the node's container runtime
     * @param registry the node's registry
     * @param locks    per-service locks shared with the other writing use cases
     */
    public Adopter(ContainerRuntime runtime, Registry registry, ServiceLocks locks) {
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.locks = Objects.requireNonNull(locks, "'locks' must not be null");
    }

    @Override
    public List<AdoptResult> adopt(String service) {
        Names.require("service", service);
        return locks.with(service, () -> adoptLocked(service));
    }

    private List<AdoptResult> adoptLocked(String service) {
        List<ContainerInfo> containers = runtime.list();
        Adoption plan = Adoption.plan(service, registry.services(), containers);
        if (plan.matches().isEmpty() && plan.skipped().isEmpty()) {
            throw new NotFoundException("no container on this node is named " + service + " or " + service + "-*");
        }
        List<AdoptResult> results = new ArrayList<>(plan.skipped());
        List<Adoption.Adopted> adopted = new ArrayList<>();
        for (Adoption.Match m : plan.matches()) {
            try {
                Optional<ContainerDetails> d = runtime.inspect(m.container());
                if (d.isEmpty()) {
                    results.add(AdoptResult.failed(m.container(), m.component(), "the container disappeared"));
                } else {
                    adopted.add(new Adoption.Adopted(m, d.get()));
                }
            } catch (ContainerRuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "adopt {0}: inspect {1} failed: {2}", service, m.container(), e.getMessage());
                results.add(AdoptResult.failed(m.container(), m.component(), "inspect failed: " + e.getMessage()));
            }
        }
        if (!adopted.isEmpty()) {
            registry.apply(Adoption.record(service, registry.services(), adopted));
            adopted.forEach(a -> results.add(AdoptResult.ok(a.match().container(), a.match().component())));
        }
        return results;
    }
}
