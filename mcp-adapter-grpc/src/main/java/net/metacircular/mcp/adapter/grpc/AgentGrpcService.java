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
    private final net.metacircular.mcp.port.in.FileTransferUseCase files;
    /** Null when the agent was built without them: those RPCs answer UNIMPLEMENTED. */
    private final ServiceManagement management;

    /**
     * @param deploy the Deploy use case
     * @param status the read-side use cases
     * @param files  file push and pull
     */
    public AgentGrpcService(DeployUseCase deploy, StatusUseCase status,
                            net.metacircular.mcp.port.in.FileTransferUseCase files) {
        this.deploy = Objects.requireNonNull(deploy, "'deploy' must not be null");
        this.status = Objects.requireNonNull(status, "'status' must not be null");
        this.files = Objects.requireNonNull(files, "'files' must not be null");
        this.management = null;
    }

    /**
     * The service with lifecycle, sync and adopt as well (the three-argument form answers those UNIMPLEMENTED).
     *
     * @param deploy     the Deploy use case
     * @param status     the read-side use cases
     * @param files      file push and pull
     * @param management StopService, StartService, RestartService, SyncDesiredState and AdoptContainer
     */
    public AgentGrpcService(DeployUseCase deploy, StatusUseCase status,
                            net.metacircular.mcp.port.in.FileTransferUseCase files, ServiceManagement management) {
        this.deploy = Objects.requireNonNull(deploy, "'deploy' must not be null");
        this.status = Objects.requireNonNull(status, "'status' must not be null");
        this.files = Objects.requireNonNull(files, "'files' must not be null");
        this.management = Objects.requireNonNull(management, "'management' must not be null");
    }

    /**
     * The agent's use cases that change a service without deploying it.
     *
     * @param lifecycle stop, start and restart
     * @param sync      SyncDesiredState
     * @param adopt     AdoptContainer
     */
    public record ServiceManagement(net.metacircular.mcp.port.in.LifecycleUseCase lifecycle,
                                    net.metacircular.mcp.port.in.SyncUseCase sync,
                                    net.metacircular.mcp.port.in.AdoptUseCase adopt) {
        public ServiceManagement {
            Objects.requireNonNull(lifecycle, "'lifecycle' must not be null");
            Objects.requireNonNull(sync, "'sync' must not be null");
            Objects.requireNonNull(adopt, "'adopt' must not be null");
        }
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
        lifecycle(net.metacircular.mcp.domain.LifecycleAction.STOP, McpAgentGrpc.getStopServiceMethod(), request, response);
    }

    @Override
    public void startService(ServiceRequest request, StreamObserver<ServiceResponse> response) {
        lifecycle(net.metacircular.mcp.domain.LifecycleAction.START, McpAgentGrpc.getStartServiceMethod(), request, response);
    }

    @Override
    public void restartService(ServiceRequest request, StreamObserver<ServiceResponse> response) {
        lifecycle(net.metacircular.mcp.domain.LifecycleAction.RESTART, McpAgentGrpc.getRestartServiceMethod(), request, response);
    }

    private void lifecycle(net.metacircular.mcp.domain.LifecycleAction action, MethodDescriptor<?, ?> method,
                           ServiceRequest request, StreamObserver<ServiceResponse> response) {
        if (management == null) {
            notYet(method, response);
            return;
        }
        answer(response, () -> {
            requireWithinLimits(RequestLimits.checkName("name", request.getName()));
            List<ComponentResult> results = management.lifecycle().apply(action, request.getName());
            return ServiceResponse.newBuilder()
                    .addAllResults(results.stream().map(ProtoMapper::toProto).toList())
                    .build();
        });
    }

    @Override
    public void syncDesiredState(SyncRequest request, StreamObserver<SyncResponse> response) {
        if (management == null) {
            notYet(McpAgentGrpc.getSyncDesiredStateMethod(), response);
            return;
        }
        answer(response, () -> {
            requireWithinLimits(RequestLimits.check(request));
            var results = management.sync().sync(request.getServicesList().stream().map(ProtoMapper::toDomain).toList());
            return SyncResponse.newBuilder()
                    .addAllResults(results.stream().map(ProtoMapper::toProto).toList())
                    .build();
        });
    }

    @Override
    public void adoptContainer(AdoptRequest request, StreamObserver<AdoptResponse> response) {
        if (management == null) {
            notYet(McpAgentGrpc.getAdoptContainerMethod(), response);
            return;
        }
        answer(response, () -> {
            requireWithinLimits(RequestLimits.checkName("service", request.getService()));
            var results = management.adopt().adopt(request.getService());
            return AdoptResponse.newBuilder()
                    .addAllResults(results.stream().map(ProtoMapper::toProto).toList())
                    .build();
        });
    }

    @Override
    public void pushFile(PushFileRequest request, StreamObserver<PushFileResponse> response) {
        // refusals travel as statuses (INVALID_ARGUMENT with every problem), so the CLI maps them like any other
        answer(response, () -> {
            requireWithinLimits(RequestLimits.checkFile(request.getService(), request.getPath(), request.getContent().size()));
            int mode = request.getMode();
            files.push(request.getService(), request.getPath(), request.getContent().toByteArray(),
                    mode == 0 ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(mode));
            return PushFileResponse.newBuilder().setSuccess(true).build();
        });
    }

    @Override
    public void pullFile(PullFileRequest request, StreamObserver<PullFileResponse> response) {
        answer(response, () -> {
            requireWithinLimits(RequestLimits.checkFile(request.getService(), request.getPath(), 0));
            net.metacircular.mcp.domain.FileContent f = files.pull(request.getService(), request.getPath());
            return PullFileResponse.newBuilder()
                    .setContent(com.google.protobuf.ByteString.copyFrom(f.bytes()))
                    .setMode(f.mode())
                    .build();
        });
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
