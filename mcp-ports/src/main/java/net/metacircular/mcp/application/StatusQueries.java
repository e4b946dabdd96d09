package net.metacircular.mcp.application;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.metacircular.mcp.domain.Names;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.in.StatusUseCase;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.HostMetrics;
import net.metacircular.mcp.port.out.Registry;

/** The agent's read side. Live reads reconcile first; a runtime outage degrades them to {@code unknown} states. */
public final class StatusQueries implements StatusUseCase {
    private static final System.Logger LOG = System.getLogger(StatusQueries.class.getName());
    /** Events returned when the caller asks for none in particular. */
    public static final int DEFAULT_EVENTS = 50;
    /** The most events one status call returns. */
    public static final int MAX_EVENTS = 1000;

    private final Registry registry;
    private final ContainerRuntime runtime;
    private final Reconciler reconciler;
    private final HostMetrics host;
    private final Facts facts;

    /**
     * Facts about the agent that do not change while it runs.
     *
     * @param nodeName     the node's name
     * @param dataRoot     the data root whose filesystem is reported
     * @param upSince      when the agent started
     * @param agentVersion the agent's version
     */
    public record Facts(String nodeName, Path dataRoot, Instant upSince, String agentVersion) {
    }

    public StatusQueries(Registry registry, ContainerRuntime runtime, Reconciler reconciler, HostMetrics host, Facts facts) {
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.runtime = Objects.requireNonNull(runtime, "'runtime' must not be null");
        this.reconciler = Objects.requireNonNull(reconciler, "'reconciler' must not be null");
        this.host = Objects.requireNonNull(host, "'host' must not be null");
        this.facts = Objects.requireNonNull(facts, "'facts' must not be null");
    }

    @Override
    public List<ServiceRecord> listServices() {
        return registry.services();
    }

    @Override
    public List<ServiceRecord> liveCheck() {
        reconcileQuietly();
        return registry.services();
    }

    @Override
    public StatusReport status(Optional<String> service, int eventLimit) {
        service.ifPresent(s -> Names.require("name", s));
        int limit = eventLimit <= 0 ? DEFAULT_EVENTS : Math.min(eventLimit, MAX_EVENTS);
        reconcileQuietly();
        List<ServiceRecord> services = registry.services();
        if (service.isPresent()) {
            services = services.stream().filter(s -> s.name().equals(service.get())).toList();
            if (services.isEmpty()) {
                throw new NotFoundException("service " + service.get() + " is not in the registry of node " + facts.nodeName());
            }
        }
        return new StatusReport(services, StatusReport.driftOf(services), registry.recentEvents(service, limit));
    }

    @Override
    public NodeInfo nodeStatus() {
        String version;
        try {
            version = runtime.version();
        } catch (ContainerRuntimeException e) {
            version = "unavailable: " + e.getMessage();
        }
        List<ServiceRecord> services = registry.services();
        int components = services.stream().mapToInt(s -> s.components().size()).sum();
        HostMetrics.HostReading h = host.read(facts.dataRoot());
        return new NodeInfo(facts.nodeName(), runtime.name(), version, services.size(), components,
                h.diskTotalBytes(), h.diskFreeBytes(), h.memoryTotalBytes(), h.memoryFreeBytes(), h.cpuUsagePercent(),
                facts.upSince(), facts.agentVersion());
    }

    private void reconcileQuietly() {
        try {
            reconciler.reconcile();
        } catch (ContainerRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "live check could not ask the runtime: {0}", e.getMessage());
        }
    }
}
