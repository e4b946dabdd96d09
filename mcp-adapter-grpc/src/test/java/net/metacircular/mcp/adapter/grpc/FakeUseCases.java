package net.metacircular.mcp.adapter.grpc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.in.DeployUseCase;
import net.metacircular.mcp.port.in.StatusUseCase;

/** Hand-written use cases that record their calls and answer what the test set, or throw what it set. */
final class FakeUseCases implements DeployUseCase, StatusUseCase, net.metacircular.mcp.port.in.FileTransferUseCase {
    record DeployCall(ServiceSpec spec, Optional<String> component, boolean force, String caller) {
    }

    record StatusCall(Optional<String> service, int eventLimit) {
    }

    final List<DeployCall> deploys = new ArrayList<>();
    final List<StatusCall> statusCalls = new ArrayList<>();
    List<ComponentResult> deployAnswer = List.of();
    List<ServiceRecord> services = List.of();
    StatusReport report = new StatusReport(List.of(), List.of(), List.of());
    NodeInfo node = new NodeInfo("rift", "fake", "fake 1.0", 0, 0, 1, 1, 1, 1, 0.5,
            Instant.parse("2026-01-02T03:04:05Z"), "0.1.0");
    RuntimeException failure;

    @Override
    public List<ComponentResult> deploy(ServiceSpec spec, Optional<String> component, boolean force) {
        deploys.add(new DeployCall(spec, component, force, AuthInterceptor.CALLER.get()));
        fail();
        return deployAnswer;
    }

    @Override
    public List<ServiceRecord> listServices() {
        fail();
        return services;
    }

    @Override
    public List<ServiceRecord> liveCheck() {
        fail();
        return services;
    }

    @Override
    public StatusReport status(Optional<String> service, int eventLimit) {
        statusCalls.add(new StatusCall(service, eventLimit));
        fail();
        return report;
    }

    /** Files pushed, by {@code "<service>/<path>"}; pulls answer from here. */
    final java.util.Map<String, net.metacircular.mcp.domain.FileContent> files = new java.util.HashMap<>();

    @Override
    public int push(String service, String path, byte[] content, java.util.OptionalInt mode) {
        fail();
        int m = mode.orElse(0644);
        files.put(service + "/" + path, new net.metacircular.mcp.domain.FileContent(content, m));
        return m;
    }

    @Override
    public net.metacircular.mcp.domain.FileContent pull(String service, String path) {
        fail();
        net.metacircular.mcp.domain.FileContent f = files.get(service + "/" + path);
        if (f == null) {
            throw new net.metacircular.mcp.domain.NotFoundException("no file " + service + "/" + path);
        }
        return f;
    }

    @Override
    public NodeInfo nodeStatus() {
        fail();
        return node;
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
