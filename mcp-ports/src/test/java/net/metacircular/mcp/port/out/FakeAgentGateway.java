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
    private final Map<String, net.metacircular.mcp.domain.FileContent> files = new HashMap<>();

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

    /** Every file pushed, by {@code "<node>:<service>/<path>"}. */
    public synchronized Map<String, net.metacircular.mcp.domain.FileContent> files() {
        return Map.copyOf(files);
    }

    /** Puts a file on {@code node} for pulls. */
    public synchronized FakeAgentGateway file(String node, String service, String path,
                                              net.metacircular.mcp.domain.FileContent content) {
        files.put(node + ":" + service + "/" + path, content);
        return this;
    }

    @Override
    public void pushFile(Node node, String service, String path, byte[] content, int mode) {
        enter("pushFile", node);
        net.metacircular.mcp.domain.ServiceFilePath at = net.metacircular.mcp.domain.ServiceFilePath.parse(service, path);
        synchronized (this) {
            files.put(node.name() + ":" + at, new net.metacircular.mcp.domain.FileContent(content,
                    mode == 0 ? at.defaultMode() : mode));
        }
    }

    @Override
    public net.metacircular.mcp.domain.FileContent pullFile(Node node, String service, String path) {
        enter("pullFile", node);
        net.metacircular.mcp.domain.ServiceFilePath at = net.metacircular.mcp.domain.ServiceFilePath.parse(service, path);
        synchronized (this) {
            net.metacircular.mcp.domain.FileContent f = files.get(node.name() + ":" + at);
            if (f == null) {
                throw new NotFoundException("no file " + at + " on node " + node.name());
            }
            return f;
        }
    }

    /** One recorded sync call. */
    public record SyncCall(Node node, List<ServiceSpec> services) {
    }

    private final List<SyncCall> syncCalls = new CopyOnWriteArrayList<>();
    private final Map<String, List<net.metacircular.mcp.domain.AdoptResult>> adoptable = new HashMap<>();

    /** Every sync call, in order. */
    public List<SyncCall> syncCalls() {
        return List.copyOf(syncCalls);
    }

    /** Makes adopting {@code service} on {@code node} answer {@code results}; other adoptions are not found. */
    public synchronized FakeAgentGateway adoptable(String node, String service, net.metacircular.mcp.domain.AdoptResult... results) {
        adoptable.put(node + ":" + service, List.of(results));
        return this;
    }

    @Override
    public List<ComponentResult> lifecycle(Node node, net.metacircular.mcp.domain.LifecycleAction action, String service) {
        enter(action.verb(), node);
        synchronized (this) {
            List<ServiceRecord> registry = new ArrayList<>(registry(node));
            ServiceRecord s = registry.stream().filter(r -> r.name().equals(service)).findFirst()
                    .orElseThrow(() -> new NotFoundException("service " + service + " is not in the registry of node " + node.name()));
            List<ComponentResult> results = new ArrayList<>();
            List<ComponentRecord> records = new ArrayList<>();
            for (ComponentRecord c : s.components()) {
                String error = failingComponents.get(c.name());
                results.add(error == null ? ComponentResult.ok(c.name(), action.verb()) : ComponentResult.failed(c.name(), error));
                records.add(action.desired().map(c::withDesired).orElse(c));
            }
            registry.replaceAll(r -> r.name().equals(service)
                    ? new ServiceRecord(service, action.active().orElse(s.active()), records) : r);
            registries.put(node.name(), List.copyOf(registry));
            return results;
        }
    }

    @Override
    public List<net.metacircular.mcp.domain.ServiceSyncResult> sync(Node node, List<ServiceSpec> services) {
        enter("sync", node);
        syncCalls.add(new SyncCall(node, List.copyOf(services)));
        services.forEach(SpecValidation::requireValid);
        return services.stream()
                .map(s -> new net.metacircular.mcp.domain.ServiceSyncResult(s.name(), true, "desired state recorded"))
                .toList();
    }

    @Override
    public List<net.metacircular.mcp.domain.AdoptResult> adopt(Node node, String service) {
        enter("adopt", node);
        synchronized (this) {
            List<net.metacircular.mcp.domain.AdoptResult> results = adoptable.get(node.name() + ":" + service);
            if (results == null) {
                throw new NotFoundException("no container named " + service + " or " + service + "-* on node " + node.name());
            }
            return results;
        }
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
