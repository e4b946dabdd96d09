package net.metacircular.mcp.e2e;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.proto.v1.ComponentSpec;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.ServiceSpec;

/**
 * A gRPC client of one agent for tests that need many calls or exact timing (no CLI process per call): TLS 1.3
 * against the test CA, the token as bearer metadata, a deadline on every call.
 */
final class AgentClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final Metadata headers = new Metadata();

    AgentClient(AgentNode node, Pki pki, String token) throws Exception {
        this.channel = NettyChannelBuilder.forTarget(node.address())
                .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert.toFile()).protocols("TLSv1.3").build())
                .build();
        setToken(token);
    }

    /** Replaces the bearer token sent with every later call. */
    void setToken(String token) {
        headers.removeAll(AUTHORIZATION);
        headers.put(AUTHORIZATION, "Bearer " + token);
    }

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** A blocking stub whose calls end after {@code seconds}. */
    McpAgentGrpc.McpAgentBlockingStub stub(long seconds) {
        Metadata copy = new Metadata();
        copy.merge(headers);
        return McpAgentGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(copy))
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /** A blocking stub of the standard health service (which needs a token too), whose calls end after {@code seconds}. */
    io.grpc.health.v1.HealthGrpc.HealthBlockingStub health(long seconds) {
        Metadata copy = new Metadata();
        copy.merge(headers);
        return io.grpc.health.v1.HealthGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(copy))
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /** A component running {@code image} with a command that exits at once on SIGTERM, and {@code env}. */
    static ComponentSpec component(String name, String image, List<String> env) {
        // `wait` returns as soon as the trapped signal arrives; a plain `sleep 1` would delay the exit up to a second.
        return ComponentSpec.newBuilder().setName(name).setImage(image).setRestart("no")
                .addAllCmd(List.of("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $!; done")).addAllEnv(env).build();
    }

    static ServiceSpec service(String name, ComponentSpec... components) {
        return ServiceSpec.newBuilder().setName(name).setActive(true).addAllComponents(List.of(components)).build();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
