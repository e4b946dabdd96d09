package net.metacircular.mcp.adapter.grpc;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.proto.v1.ComponentInfo;
import net.metacircular.mcp.proto.v1.DriftInfo;
import net.metacircular.mcp.proto.v1.EventInfo;
import net.metacircular.mcp.proto.v1.NodeStatusResponse;
import net.metacircular.mcp.proto.v1.ServiceInfo;
import net.metacircular.mcp.proto.v1.ServiceStatusResponse;

/** Translates between the domain's records and the mcp.v1 protobuf messages, in both directions. */
final class ProtoMapper {
    private ProtoMapper() {
    }

    // --- specs ---

    static net.metacircular.mcp.proto.v1.ComponentSpec toProto(ComponentSpec c) {
        return net.metacircular.mcp.proto.v1.ComponentSpec.newBuilder()
                .setName(c.name())
                .setImage(c.image())
                .setNetwork(c.network())
                .setUser(c.user())
                .setRestart(c.restart())
                .addAllPorts(c.ports())
                .addAllVolumes(c.volumes())
                .addAllCmd(c.cmd())
                .addAllEnv(c.env())
                .build();
    }

    static ComponentSpec toDomain(net.metacircular.mcp.proto.v1.ComponentSpec c) {
        return new ComponentSpec(c.getName(), c.getImage(), c.getNetwork(), c.getUser(), c.getRestart(),
                c.getPortsList(), c.getVolumesList(), c.getCmdList(), c.getEnvList());
    }

    static net.metacircular.mcp.proto.v1.ServiceSpec toProto(ServiceSpec s) {
        return net.metacircular.mcp.proto.v1.ServiceSpec.newBuilder()
                .setName(s.name())
                .setActive(s.active())
                .addAllComponents(s.components().stream().map(ProtoMapper::toProto).toList())
                .build();
    }

    static ServiceSpec toDomain(net.metacircular.mcp.proto.v1.ServiceSpec s) {
        return new ServiceSpec(s.getName(), s.getActive(), s.getComponentsList().stream().map(ProtoMapper::toDomain).toList());
    }

    // --- registry ---

    static ServiceInfo toProto(ServiceRecord s) {
        ServiceInfo.Builder b = ServiceInfo.newBuilder().setName(s.name()).setActive(s.active()).setSpec(toProto(s.spec()));
        for (ComponentRecord c : s.components()) {
            b.addComponents(toProto(c));
        }
        return b.build();
    }

    static ComponentInfo toProto(ComponentRecord c) {
        ComponentInfo.Builder b = ComponentInfo.newBuilder()
                .setName(c.name())
                .setImage(c.spec().image())
                .setDesiredState(c.desired().wire())
                .setObservedState(c.observed().wire())
                .setVersion(c.version())
                .setContainerId(c.containerId());
        c.startedAt().ifPresent(t -> b.setStarted(timestamp(t)));
        return b.build();
    }

    /**
     * Rebuilds a service record; each component's full spec comes from the service's recorded spec, falling back
     * to name and image for an agent that sent no spec.
     */
    static ServiceRecord toDomain(ServiceInfo s) {
        Map<String, ComponentSpec> specs = s.getSpec().getComponentsList().stream()
                .map(ProtoMapper::toDomain)
                .collect(Collectors.toMap(ComponentSpec::name, Function.identity(), (a, b) -> a));
        List<ComponentRecord> components = new ArrayList<>();
        for (ComponentInfo c : s.getComponentsList()) {
            ComponentSpec spec = specs.getOrDefault(c.getName(), ComponentSpec.of(c.getName(), c.getImage()));
            components.add(new ComponentRecord(s.getName(), spec, DesiredState.parse(c.getDesiredState()),
                    observed(c.getObservedState()), c.getVersion(), c.hasStarted() ? instant(c.getStarted()) : null,
                    c.getContainerId()));
        }
        return new ServiceRecord(s.getName(), s.getActive(), components);
    }

    static List<ServiceInfo> toProto(List<ServiceRecord> services) {
        return services.stream().map(ProtoMapper::toProto).toList();
    }

    static List<ServiceRecord> toDomain(List<ServiceInfo> services) {
        return services.stream().map(ProtoMapper::toDomain).toList();
    }

    // --- status ---

    static ServiceStatusResponse toProto(StatusReport r) {
        ServiceStatusResponse.Builder b = ServiceStatusResponse.newBuilder().addAllServices(toProto(r.services()));
        for (ComponentRecord d : r.drift()) {
            b.addDrift(DriftInfo.newBuilder()
                    .setService(d.service())
                    .setComponent(d.name())
                    .setDesiredState(d.desired().wire())
                    .setObservedState(d.observed().wire()));
        }
        for (Event e : r.events()) {
            b.addRecentEvents(toProto(e));
        }
        return b.build();
    }

    /** Drift rows refer to components of the listed services; a row without one gets a minimal record. */
    static StatusReport toDomain(ServiceStatusResponse r) {
        List<ServiceRecord> services = toDomain(r.getServicesList());
        List<ComponentRecord> drift = new ArrayList<>();
        for (DriftInfo d : r.getDriftList()) {
            DesiredState desired = DesiredState.parse(d.getDesiredState());
            ObservedState observed = observed(d.getObservedState());
            ComponentRecord known = services.stream()
                    .filter(s -> s.name().equals(d.getService()))
                    .flatMap(s -> s.component(d.getComponent()).stream())
                    .findFirst()
                    .orElse(null);
            drift.add(known != null
                    ? known.withDesired(desired).withObservation(observed, known.started(), known.containerId())
                    : new ComponentRecord(d.getService(), ComponentSpec.of(d.getComponent(), ""), desired, observed,
                            "", null, ""));
        }
        List<Event> events = r.getRecentEventsList().stream().map(ProtoMapper::toDomain).toList();
        return new StatusReport(services, drift, events);
    }

    static EventInfo toProto(Event e) {
        return EventInfo.newBuilder()
                .setService(e.service())
                .setComponent(e.component())
                .setPrevState(e.prev().wire())
                .setNewState(e.next().wire())
                .setTimestamp(timestamp(e.at()))
                .build();
    }

    static Event toDomain(EventInfo e) {
        return new Event(e.getService(), e.getComponent(), observed(e.getPrevState()), observed(e.getNewState()),
                e.hasTimestamp() ? instant(e.getTimestamp()) : Instant.EPOCH);
    }

    // --- node ---

    static NodeStatusResponse toProto(NodeInfo n) {
        return NodeStatusResponse.newBuilder()
                .setNodeName(n.nodeName())
                .setRuntime(n.runtime())
                .setRuntimeVersion(n.runtimeVersion())
                .setServiceCount(n.serviceCount())
                .setComponentCount(n.componentCount())
                .setDiskTotalBytes(n.diskTotalBytes())
                .setDiskFreeBytes(n.diskFreeBytes())
                .setMemoryTotalBytes(n.memoryTotalBytes())
                .setMemoryFreeBytes(n.memoryFreeBytes())
                .setCpuUsagePercent(n.cpuUsagePercent())
                .setUptimeSince(timestamp(n.upSince()))
                .setAgentVersion(n.agentVersion())
                .build();
    }

    static NodeInfo toDomain(NodeStatusResponse n) {
        return new NodeInfo(n.getNodeName(), n.getRuntime(), n.getRuntimeVersion(), n.getServiceCount(),
                n.getComponentCount(), n.getDiskTotalBytes(), n.getDiskFreeBytes(), n.getMemoryTotalBytes(),
                n.getMemoryFreeBytes(), n.getCpuUsagePercent(),
                n.hasUptimeSince() ? instant(n.getUptimeSince()) : Instant.EPOCH, n.getAgentVersion());
    }

    // --- results ---

    static net.metacircular.mcp.proto.v1.ComponentResult toProto(ComponentResult r) {
        return net.metacircular.mcp.proto.v1.ComponentResult.newBuilder()
                .setName(r.component())
                .setSuccess(r.success())
                .setError(r.error())
                .setAction(r.action())
                .build();
    }

    static ComponentResult toDomain(net.metacircular.mcp.proto.v1.ComponentResult r) {
        return new ComponentResult(r.getName(), r.getSuccess(), r.getAction(), r.getError());
    }

    // --- sync and adopt ---

    static net.metacircular.mcp.proto.v1.ServiceSyncResult toProto(net.metacircular.mcp.domain.ServiceSyncResult r) {
        return net.metacircular.mcp.proto.v1.ServiceSyncResult.newBuilder()
                .setName(r.service()).setChanged(r.changed()).setSummary(r.summary()).build();
    }

    static net.metacircular.mcp.domain.ServiceSyncResult toDomain(net.metacircular.mcp.proto.v1.ServiceSyncResult r) {
        return new net.metacircular.mcp.domain.ServiceSyncResult(r.getName(), r.getChanged(), r.getSummary());
    }

    static net.metacircular.mcp.proto.v1.AdoptResult toProto(net.metacircular.mcp.domain.AdoptResult r) {
        return net.metacircular.mcp.proto.v1.AdoptResult.newBuilder()
                .setContainer(r.container()).setComponent(r.component()).setSuccess(r.success())
                .setError(r.error()).setSkipped(r.skipped()).build();
    }

    static net.metacircular.mcp.domain.AdoptResult toDomain(net.metacircular.mcp.proto.v1.AdoptResult r) {
        return new net.metacircular.mcp.domain.AdoptResult(r.getContainer(), r.getComponent(), r.getSuccess(),
                r.getError(), r.getSkipped());
    }

    // --- time ---

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    /** A newer agent may report a state this CLI does not know; that says nothing certain, hence unknown. */
    private static ObservedState observed(String word) {
        try {
            return ObservedState.parse(word);
        } catch (IllegalArgumentException e) {
            return ObservedState.UNKNOWN;
        }
    }
}
