package net.metacircular.mcp.adapter.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.in.DeployUseCase;
import net.metacircular.mcp.port.in.StatusUseCase;
import net.metacircular.mcp.proto.v1.AdoptRequest;
import net.metacircular.mcp.proto.v1.AdoptResponse;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.DeployResponse;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.ListServicesResponse;
import net.metacircular.mcp.proto.v1.LiveCheckRequest;
import net.metacircular.mcp.proto.v1.LiveCheckResponse;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.NodeStatusRequest;
import net.metacircular.mcp.proto.v1.NodeStatusResponse;
import net.metacircular.mcp.proto.v1.PullFileRequest;
import net.metacircular.mcp.proto.v1.PullFileResponse;
import net.metacircular.mcp.proto.v1.PushFileRequest;
import net.metacircular.mcp.proto.v1.PushFileResponse;
import net.metacircular.mcp.proto.v1.ServiceRequest;
import net.metacircular.mcp.proto.v1.ServiceResponse;
import net.metacircular.mcp.proto.v1.ServiceStatusRequest;
import net.metacircular.mcp.proto.v1.ServiceStatusResponse;
import net.metacircular.mcp.proto.v1.SyncRequest;
import net.metacircular.mcp.proto.v1.SyncResponse;

/**
 * The agent's {@code mcp.v1.McpAgent} service: maps each request into the domain, calls the use case and maps the
 * answer back. RPCs whose use cases do not exist yet answer {@code UNIMPLEMENTED}.
 */
public final class AgentGrpcService extends McpAgentGrpc.McpAgentImplBase {
    /** Events returned by GetServiceStatus when the request leaves the limit at 0. */
    public static final int DEFAULT_EVENT_LIMIT = 50;
    /** The most events one GetServiceStatus returns, whatever the request asks for. */
    public static final int MAX_EVENT_LIMIT = 1000;

    private final DeployUseCase deploy;
    private final StatusUseCase status;

    /**
     * @param deploy the Deploy use case
     * @param status the read-side use cases
     */
    public AgentGrpcService(DeployUseCase deploy, StatusUseCase status) {
        this.deploy = Objects.requireNonNull(deploy, "'deploy' must not be null");
        this.status = Objects.requireNonNull(status, "'status' must not be null");
    }

    @Override
    public void deploy(DeployRequest request, StreamObserver<DeployResponse> response) {
        answer(response, () -> {
            requireWithinLimits(RequestLimits.check(request.getService(), request.getComponent()));
            Optional<String> component = request.getComponent().isEmpty()
                    ? Optional.empty() : Optional.of(request.getComponent());
            List<ComponentResult> results = deploy.deploy(ProtoMapper.toDomain(request.getService()), component,
                    request.getForce());
            return DeployResponse.newBuilder()
                    .addAllResults(results.stream().map(ProtoMapper::toProto).toList())
                    .build();
        });
    }

    @Override
    public void listServices(ListServicesRequest request, StreamObserver<ListServicesResponse> response) {
        answer(response, () -> ListServicesResponse.newBuilder()
                .addAllServices(ProtoMapper.toProto(status.listServices()))
                .build());
    }

    @Override
    public void liveCheck(LiveCheckRequest request, StreamObserver<LiveCheckResponse> response) {
        answer(response, () -> LiveCheckResponse.newBuilder()
                .addAllServices(ProtoMapper.toProto(status.liveCheck()))
                .build());
    }

    @Override
    public void getServiceStatus(ServiceStatusRequest request, StreamObserver<ServiceStatusResponse> response) {
        answer(response, () -> {
            requireWithinLimits(RequestLimits.checkName("name", request.getName()));
            Optional<String> name = request.getName().isEmpty() ? Optional.empty() : Optional.of(request.getName());
            // uint32 arrives as a signed int; read it unsigned so a huge limit is capped rather than negative
            long asked = Integer.toUnsignedLong(request.getEventLimit());
            int limit = asked == 0 ? DEFAULT_EVENT_LIMIT : (int) Math.min(asked, MAX_EVENT_LIMIT);
            return ProtoMapper.toProto(status.status(name, limit));
        });
    }

    @Override
    public void nodeStatus(NodeStatusRequest request, StreamObserver<NodeStatusResponse> response) {
        answer(response, () -> ProtoMapper.toProto(status.nodeStatus()));
    }

    @Override
    public void stopService(ServiceRequest request, StreamObserver<ServiceResponse> response) {
        notYet(McpAgentGrpc.getStopServiceMethod(), response);
    }

    @Override
    public void startService(ServiceRequest request, StreamObserver<ServiceResponse> response) {
        notYet(McpAgentGrpc.getStartServiceMethod(), response);
    }

    @Override
    public void restartService(ServiceRequest request, StreamObserver<ServiceResponse> response) {
        notYet(McpAgentGrpc.getRestartServiceMethod(), response);
    }

    @Override
    public void syncDesiredState(SyncRequest request, StreamObserver<SyncResponse> response) {
        notYet(McpAgentGrpc.getSyncDesiredStateMethod(), response);
    }

    @Override
    public void adoptContainer(AdoptRequest request, StreamObserver<AdoptResponse> response) {
        notYet(McpAgentGrpc.getAdoptContainerMethod(), response);
    }

    @Override
    public void pushFile(PushFileRequest request, StreamObserver<PushFileResponse> response) {
        notYet(McpAgentGrpc.getPushFileMethod(), response);
    }

    @Override
    public void pullFile(PullFileRequest request, StreamObserver<PullFileResponse> response) {
        notYet(McpAgentGrpc.getPullFileMethod(), response);
    }

    private static void requireWithinLimits(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** Runs one unary RPC; every failure, expected or not, leaves through the error mapper. */
    private static <T> void answer(StreamObserver<T> response, Supplier<T> body) {
        T value;
        try {
            value = body.get();
        } catch (RuntimeException e) {
            response.onError(ErrorMapper.toStatusException(e));
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }

    private static void notYet(MethodDescriptor<?, ?> method, StreamObserver<?> response) {
        response.onError(Status.UNIMPLEMENTED
                .withDescription(method.getFullMethodName() + " is not implemented yet in this agent")
                .asRuntimeException());
    }
}
