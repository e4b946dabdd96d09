package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.proto.v1.ComponentInfo;
import net.metacircular.mcp.proto.v1.ServiceInfo;
import org.junit.jupiter.api.Test;

class ProtoMapperTest {
    @Test
    void serviceSpec_withEveryComponentField_survivesTheRoundTrip() {
        var proto = ProtoMapper.toProto(GrpcTestData.metacrypt());

        assertThat(proto.getComponents(0).getEnvList()).containsExactly("LOG_LEVEL=debug", "EMPTY=");
        assertThat(ProtoMapper.toDomain(proto)).isEqualTo(GrpcTestData.metacrypt());
    }

    @Test
    void serviceRecord_carriesSpecContainerIdAndStart_andSurvivesTheRoundTrip() {
        ServiceInfo info = ProtoMapper.toProto(GrpcTestData.metacryptRecord());

        ComponentInfo api = info.getComponents(0);
        assertThat(api.getContainerId()).isEqualTo("abc123");
        assertThat(api.getDesiredState()).isEqualTo("running");
        assertThat(api.getObservedState()).isEqualTo("running");
        assertThat(api.getImage()).isEqualTo("registry:5000/metacrypt:v1.7.0");
        assertThat(ProtoMapper.instant(api.getStarted())).isEqualTo(GrpcTestData.STARTED);
        assertThat(info.getSpec().getComponentsCount()).isEqualTo(2);
        assertThat(ProtoMapper.toDomain(info)).isEqualTo(GrpcTestData.metacryptRecord());
    }

    @Test
    void absentStartTime_isLeftUnset_andReadBackAsUnknown() {
        ComponentInfo web = ProtoMapper.toProto(GrpcTestData.metacryptRecord()).getComponents(1);

        assertThat(web.hasStarted()).isFalse();
        assertThat(ProtoMapper.toDomain(ProtoMapper.toProto(GrpcTestData.metacryptRecord())).components().get(1).started())
                .isNull();
    }

    @Test
    void serviceInfoWithoutSpec_fallsBackToNameAndImage() {
        ServiceInfo bare = ProtoMapper.toProto(GrpcTestData.metacryptRecord()).toBuilder().clearSpec().build();

        ServiceRecord r = ProtoMapper.toDomain(bare);

        assertThat(r.components().getFirst().spec()).isEqualTo(ComponentSpec.of("api", "registry:5000/metacrypt:v1.7.0"));
    }

    @Test
    void unknownObservedStateFromANewerAgent_readsAsUnknown() {
        ServiceInfo info = ProtoMapper.toProto(GrpcTestData.metacryptRecord());
        ServiceInfo odd = info.toBuilder().setComponents(0, info.getComponents(0).toBuilder().setObservedState("paused")).build();

        assertThat(ProtoMapper.toDomain(odd).components().getFirst().observed().wire()).isEqualTo("unknown");
    }

    @Test
    void statusReport_withDriftAndEvents_survivesTheRoundTrip() {
        ServiceRecord svc = GrpcTestData.metacryptRecord();
        StatusReport report = new StatusReport(List.of(svc), StatusReport.driftOf(List.of(svc)), List.of(GrpcTestData.crash()));

        var proto = ProtoMapper.toProto(report);

        assertThat(proto.getDriftCount()).isEqualTo(1);
        assertThat(proto.getDrift(0).getComponent()).isEqualTo("web");
        assertThat(proto.getDrift(0).getObservedState()).isEqualTo("exited");
        assertThat(proto.getRecentEvents(0).getNewState()).isEqualTo("exited");
        assertThat(ProtoMapper.toDomain(proto)).isEqualTo(report);
    }

    @Test
    void driftRowForAnUnlistedComponent_becomesAMinimalRecord() {
        var proto = ProtoMapper.toProto(new StatusReport(List.of(), List.of(), List.of())).toBuilder()
                .addDrift(net.metacircular.mcp.proto.v1.DriftInfo.newBuilder().setService("s").setComponent("c")
                        .setDesiredState("running").setObservedState("removed"))
                .build();

        ComponentRecord d = ProtoMapper.toDomain(proto).drift().getFirst();

        assertThat(d.service()).isEqualTo("s");
        assertThat(d.name()).isEqualTo("c");
        assertThat(d.drift()).contains("container gone");
    }

    @Test
    void event_survivesTheRoundTrip_withNanoseconds() {
        Event e = GrpcTestData.crash();

        assertThat(ProtoMapper.toDomain(ProtoMapper.toProto(e))).isEqualTo(e);
    }

    @Test
    void nodeInfo_survivesTheRoundTrip() {
        NodeInfo n = new NodeInfo("rift", "podman", "5.4.2", 3, 7, 100_000_000_000L, 40_000_000_000L,
                16_000_000_000L, 8_000_000_000L, 12.5, Instant.parse("2026-01-02T03:04:05Z"), "0.1.0");

        assertThat(ProtoMapper.toDomain(ProtoMapper.toProto(n))).isEqualTo(n);
    }

    @Test
    void componentResult_keepsActionAndError() {
        ComponentResult ok = ComponentResult.ok("api", "replaced");
        ComponentResult failed = ComponentResult.failed("web", "pull failed: manifest unknown");

        assertThat(ProtoMapper.toProto(ok).getAction()).isEqualTo("replaced");
        assertThat(ProtoMapper.toDomain(ProtoMapper.toProto(ok))).isEqualTo(ok);
        assertThat(ProtoMapper.toDomain(ProtoMapper.toProto(failed))).isEqualTo(failed);
    }
}
