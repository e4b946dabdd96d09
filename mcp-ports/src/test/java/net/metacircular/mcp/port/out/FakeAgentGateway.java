package net.metacircular.mcp.port.out;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.SpecValidation;
import net.metacircular.mcp.domain.StatusReport;

/**
 * A hand-written in-memory {@link AgentGateway} for tests: per-node registries and events, nodes that are
 * unreachable or never answer, components whose deploy fails, and a log of every call. Safe to call concurrently.
 */
public final class FakeAgentGateway implements AgentGateway {
    /** One recorded deploy call. */
    public record DeployCall(Node node, ServiceSpec spec, Optional<String> component, boolean force) {
    }

    private final Map<String, List<ServiceRecord>> registries = new HashMap<>();
    private final Map<String, List<Event>> events = new HashMap<>();
    private final Map<String, String> unreachable = new HashMap<>();
    private final Map<String, String> failingComponents = new HashMap<>();
    private final List<String> hanging = new ArrayList<>();
    private final List<DeployCall> deployCalls = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    /** Sets the registry of {@code node}; list, ps and status all answer from it. */
    public synchronized FakeAgentGateway services(String node, ServiceRecord... services) {
        registries.put(node, List.of(services));
        return this;
    }

    /** Sets the recent events of {@code node}, newest first. */
    public synchronized FakeAgentGateway events(String node, Event... list) {
        events.put(node, List.of(list));
        return this;
    }

    /** Makes every call to {@code node} fail as an unreachable agent would. */
    public synchronized FakeAgentGateway unreachable(String node, String message) {
        unreachable.put(node, message);
        return this;
    }

    /** Makes every call to {@code node} block until the calling thread is interrupted. */
    public synchronized FakeAgentGateway hanging(String node) {
        hanging.add(node);
        return this;
    }

    /** Makes deploying {@code component} (of any service) fail with {@code error}. */
    public synchronized FakeAgentGateway failing(String component, String error) {
        failingComponents.put(component, error);
        return this;
    }

    /** Every deploy call, in order. */
    public List<DeployCall> deployCalls() {
        return List.copyOf(deployCalls);
    }

    /** Every call as {@code "<method> <node>"}, in the order they arrived. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public List<ComponentResult> deploy(Node node, ServiceSpec spec, Optional<String> component, boolean force) {
        enter("deploy", node);
        deployCalls.add(new DeployCall(node, spec, component, force));
        // Behave as the agent does: a bad spec or an unknown component changes nothing.
        SpecValidation.requireValid(spec);
        List<ComponentSpec> selected = component.isEmpty() ? spec.components()
                : List.of(spec.component(component.get()).orElseThrow(
                () -> new NotFoundException("service " + spec.name() + " has no component \"" + component.get() + "\"")));
        List<ComponentResult> results = new ArrayList<>();
        List<ComponentRecord> records = new ArrayList<>();
        synchronized (this) {
            for (ComponentSpec c : selected) {
                String error = failingComponents.get(c.name());
                results.add(error == null ? ComponentResult.ok(c.name(), "replaced") : ComponentResult.failed(c.name(), error));
                records.add(new ComponentRecord(spec.name(), c, spec.desiredState(),
                        error == null ? ObservedState.RUNNING : ObservedState.EXITED, c.version(), null, ""));
            }
            List<ServiceRecord> registry = new ArrayList<>(registries.getOrDefault(node.name(), List.of()));
            registry.removeIf(s -> s.name().equals(spec.name()));
            registry.add(new ServiceRecord(spec.name(), spec.active(), records));
            registries.put(node.name(), List.copyOf(registry));
        }
        return results;
    }

    @Override
    public List<ServiceRecord> listServices(Node node) {
        enter("listServices", node);
        return registry(node);
    }

    @Override
    public List<ServiceRecord> liveCheck(Node node) {
        enter("liveCheck", node);
        return registry(node);
    }

    @Override
    public StatusReport status(Node node, Optional<String> service) {
        enter("status", node);
        List<ServiceRecord> services = registry(node);
        List<Event> recent;
        synchronized (this) {
            recent = events.getOrDefault(node.name(), List.of());
        }
        if (service.isPresent()) {
            services = services.stream().filter(s -> s.name().equals(service.get())).toList();
            if (services.isEmpty()) {
                throw new NotFoundException("service " + service.get() + " is not in the registry of node " + node.name());
            }
            recent = recent.stream().filter(e -> e.service().equals(service.get())).toList();
        }
        return new StatusReport(services, StatusReport.driftOf(services), recent);
    }

    @Override
    public NodeInfo nodeStatus(Node node) {
        enter("nodeStatus", node);
        List<ServiceRecord> services = registry(node);
        return new NodeInfo(node.name(), "fake", "0", services.size(),
                services.stream().mapToInt(s -> s.components().size()).sum(), 0, 0, 0, 0, 0,
                java.time.Instant.EPOCH, "test");
    }

    private synchronized List<ServiceRecord> registry(Node node) {
        return registries.getOrDefault(node.name(), List.of());
    }

    private void enter(String method, Node node) {
        Objects.requireNonNull(node, "'node' must not be null");
        calls.add(method + " " + node.name());
        String down;
        boolean hang;
        synchronized (this) {
            down = unreachable.get(node.name());
            hang = hanging.contains(node.name());
        }
        if (down != null) {
            throw new AgentUnavailableException(node.name(), down, null);
        }
        if (hang) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AgentUnavailableException(node.name(), "interrupted", e);
            }
        }
    }
}
