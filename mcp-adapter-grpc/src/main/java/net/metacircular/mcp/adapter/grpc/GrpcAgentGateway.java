package net.metacircular.mcp.adapter.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.NodeInfo;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.out.AgentGateway;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.LiveCheckRequest;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.NodeStatusRequest;
import net.metacircular.mcp.proto.v1.ServiceStatusRequest;

/**
 * The CLI's {@link AgentGateway} over gRPC: one channel per agent address, the operator's bearer token on every
 * call, a deadline on every call, and the agent's errors turned back into the domain's exceptions.
 */
public final class GrpcAgentGateway implements AgentGateway, AutoCloseable {
    private final Function<String, ManagedChannel> channels;
    private final BearerCredentials credentials;
    private final Duration deadline;
    private final Map<String, ManagedChannel> open = new ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Frees what the channels share once they are closed (the TLS gateway's event loop). */
    private final Runnable release;

    /**
     * A gateway over the caller's channels (the in-process transport in tests).
     *
     * @param channels opens a channel to an agent address ({@code host:port}); called once per address
     * @param token    the bearer token, asked for on every call
     * @param deadline how long one call may take
     */
    public GrpcAgentGateway(Function<String, ManagedChannel> channels, Supplier<String> token, Duration deadline) {
        this(channels, token, deadline, () -> { });
    }

    private GrpcAgentGateway(Function<String, ManagedChannel> channels, Supplier<String> token, Duration deadline,
                             Runnable release) {
        this.release = Objects.requireNonNull(release, "'release' must not be null");
        this.channels = Objects.requireNonNull(channels, "'channels' must not be null");
        this.credentials = new BearerCredentials(Objects.requireNonNull(token, "'token' must not be null"));
        this.deadline = Objects.requireNonNull(deadline, "'deadline' must not be null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, not " + deadline);
        }
    }

    /**
     * A gateway speaking TLS 1.3 that verifies each agent's certificate and host name against {@code caPem} only,
     * or against the system trust store when empty. Throws {@link IllegalStateException} naming the file when the
     * CA cannot be read.
     */
    public static GrpcAgentGateway overTls(Optional<Path> caPem, Supplier<String> token, Duration deadline) {
        Objects.requireNonNull(caPem, "'caPem' must not be null");
        SslContext tls = clientTls(caPem);
        // One NIO event loop of the gateway's own rather than gRPC's shared epoll group: no native transport library
        // unpacked and loaded at start, and close() ends the loop's thread. A thread left waiting in epoll holds up
        // the JVM's exit by 300 ms (HotSpot waits for threads in native code), a third of a short command's run
        // (BENCHMARKS.md, P5).
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("mcp-grpc", true),
                NioIoHandler.newFactory());
        return new GrpcAgentGateway(address -> {
            HostPort hp = HostPort.parse(address);
            // the channel's authority is host:port, and gRPC's TLS handler verifies the certificate against it
            return NettyChannelBuilder.forAddress(hp.host(), hp.port())
                    .eventLoopGroup(loop)
                    .channelType(NioSocketChannel.class)
                    .negotiationType(NegotiationType.TLS)
                    .sslContext(tls)
                    .userAgent("mcp")
                    .build();
        }, token, deadline, () -> loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS));
    }

    static SslContext clientTls(Optional<Path> caPem) {
        // The JDK's TLS, not the BoringSSL build in grpc-netty-shaded: loading that native library was a quarter of a
        // short command's run (BENCHMARKS.md, P5), and it is unpacked into /tmp as an executable file on every start.
        SslContextBuilder b = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK).protocols("TLSv1.3");
        if (caPem.isPresent()) {
            Path ca = caPem.get();
            if (!Files.isRegularFile(ca) || !Files.isReadable(ca)) {
                throw new IllegalStateException("CA certificate " + ca + " is missing or unreadable");
            }
            b.trustManager(ca.toFile());
        }
        try {
            return b.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot use CA certificate " + caPem.map(Path::toString).orElse("(system)")
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ComponentResult> deploy(Node node, ServiceSpec spec, Optional<String> component, boolean force) {
        Objects.requireNonNull(spec, "'spec' must not be null");
        Objects.requireNonNull(component, "'component' must not be null");
        DeployRequest request = DeployRequest.newBuilder()
                .setService(ProtoMapper.toProto(spec))
                .setComponent(component.orElse(""))
                .setForce(force)
                .build();
        return call(node, stub -> stub.deploy(request).getResultsList().stream().map(ProtoMapper::toDomain).toList());
    }

    @Override
    public List<ServiceRecord> listServices(Node node) {
        return call(node, stub -> ProtoMapper.toDomain(stub.listServices(ListServicesRequest.getDefaultInstance())
                .getServicesList()));
    }

    @Override
    public List<ServiceRecord> liveCheck(Node node) {
        return call(node, stub -> ProtoMapper.toDomain(stub.liveCheck(LiveCheckRequest.getDefaultInstance())
                .getServicesList()));
    }

    @Override
    public StatusReport status(Node node, Optional<String> service) {
        Objects.requireNonNull(service, "'service' must not be null");
        ServiceStatusRequest request = ServiceStatusRequest.newBuilder().setName(service.orElse("")).build();
        return call(node, stub -> ProtoMapper.toDomain(stub.getServiceStatus(request)));
    }

    @Override
    public NodeInfo nodeStatus(Node node) {
        return call(node, stub -> ProtoMapper.toDomain(stub.nodeStatus(NodeStatusRequest.getDefaultInstance())));
    }

    @Override
    public void pushFile(Node node, String service, String path, byte[] content, int mode) {
        Objects.requireNonNull(content, "'content' must not be null");
        net.metacircular.mcp.proto.v1.PushFileRequest request = net.metacircular.mcp.proto.v1.PushFileRequest.newBuilder()
                .setService(service).setPath(path).setContent(com.google.protobuf.ByteString.copyFrom(content))
                .setMode(mode).build();
        net.metacircular.mcp.proto.v1.PushFileResponse answer = call(node, stub -> stub.pushFile(request));
        if (!answer.getSuccess()) {
            throw new net.metacircular.mcp.domain.PreconditionException(answer.getError().isEmpty()
                    ? "node " + node.name() + " did not write the file" : answer.getError());
        }
    }

    @Override
    public net.metacircular.mcp.domain.FileContent pullFile(Node node, String service, String path) {
        net.metacircular.mcp.proto.v1.PullFileRequest request = net.metacircular.mcp.proto.v1.PullFileRequest.newBuilder()
                .setService(service).setPath(path).build();
        net.metacircular.mcp.proto.v1.PullFileResponse answer = call(node, stub -> stub.pullFile(request));
        if (!answer.getError().isEmpty()) {
            throw new net.metacircular.mcp.domain.PreconditionException(answer.getError());
        }
        try {
            return new net.metacircular.mcp.domain.FileContent(answer.getContent().toByteArray(), answer.getMode());
        } catch (IllegalArgumentException e) {
            throw new AgentUnavailableException(node.name(), "node " + node.name() + " sent a file this mcp refuses: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<ComponentResult> lifecycle(Node node, net.metacircular.mcp.domain.LifecycleAction action, String service) {
        Objects.requireNonNull(action, "'action' must not be null");
        net.metacircular.mcp.proto.v1.ServiceRequest request = net.metacircular.mcp.proto.v1.ServiceRequest.newBuilder()
                .setName(service).build();
        return call(node, stub -> (switch (action) {
            case STOP -> stub.stopService(request);
            case START -> stub.startService(request);
            case RESTART -> stub.restartService(request);
        }).getResultsList().stream().map(ProtoMapper::toDomain).toList());
    }

    @Override
    public List<net.metacircular.mcp.domain.ServiceSyncResult> sync(Node node, List<ServiceSpec> services) {
        net.metacircular.mcp.proto.v1.SyncRequest request = net.metacircular.mcp.proto.v1.SyncRequest.newBuilder()
                .addAllServices(services.stream().map(ProtoMapper::toProto).toList()).build();
        return call(node, stub -> stub.syncDesiredState(request).getResultsList().stream()
                .map(ProtoMapper::toDomain).toList());
    }

    @Override
    public List<net.metacircular.mcp.domain.AdoptResult> adopt(Node node, String service) {
        net.metacircular.mcp.proto.v1.AdoptRequest request = net.metacircular.mcp.proto.v1.AdoptRequest.newBuilder()
                .setService(service).build();
        return call(node, stub -> stub.adoptContainer(request).getResultsList().stream()
                .map(ProtoMapper::toDomain).toList());
    }

    private <T> T call(Node node, Function<McpAgentGrpc.McpAgentBlockingStub, T> rpc) {
        Objects.requireNonNull(node, "'node' must not be null");
        McpAgentGrpc.McpAgentBlockingStub stub = McpAgentGrpc.newBlockingStub(channel(node))
                .withCallCredentials(credentials)
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return rpc.apply(stub);
        } catch (StatusRuntimeException e) {
            throw ErrorMapper.toDomain(e, node);
        } catch (IllegalArgumentException e) {
            // the answer named a state this CLI does not know
            throw new AgentUnavailableException(node.name(), "node " + node.name() + " (" + node.address()
                    + ") answered something this mcp cannot read: " + e.getMessage(), e);
        }
    }

    private ManagedChannel channel(Node node) {
        if (closed) {
            throw new IllegalStateException("the agent gateway is closed");
        }
        try {
            return open.computeIfAbsent(node.address(), channels);
        } catch (IllegalArgumentException e) {
            throw new AgentUnavailableException(node.name(), "node " + node.name() + " has an unusable address \""
                    + node.address() + "\": " + e.getMessage(), e);
        }
    }

    /** Closes every channel, waiting briefly for calls in flight, then ends the gateway's event loop. */
    @Override
    public void close() {
        closed = true;
        for (ManagedChannel c : open.values()) {
            c.shutdown();
        }
        for (ManagedChannel c : open.values()) {
            try {
                if (!c.awaitTermination(2, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                c.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        open.clear();
        release.run();
    }

    /** An agent address {@code host:port}, with {@code [v6]:port} for IPv6 literals. */
    record HostPort(String host, int port) {
        static HostPort parse(String address) {
            Objects.requireNonNull(address, "'address' must not be null");
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                throw new IllegalArgumentException("expected host:port");
            }
            String host = address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("an IPv6 address must be written [address]:port");
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("port is not a number");
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("expected host:port with a port in 1..65535");
            }
            return new HostPort(host, port);
        }
    }
}
