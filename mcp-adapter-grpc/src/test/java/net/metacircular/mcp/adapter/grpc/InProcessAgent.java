package net.metacircular.mcp.adapter.grpc;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Supplier;
import net.metacircular.mcp.port.in.AuthorizeUseCase;

/** An agent server on the in-process transport, with a channel and a gateway to it. */
final class InProcessAgent implements AutoCloseable {
    final AgentServer server;
    final ManagedChannel channel;
    private final String name = InProcessServerBuilder.generateName();

    InProcessAgent(FakeUseCases useCases, AuthorizeUseCase authorize, InstantSource clock) {
        server = AgentServer.start(InProcessServerBuilder.forName(name).directExecutor(),
                new AgentGrpcService(useCases, useCases, useCases), new AuthInterceptor(authorize, clock));
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** Admits every caller as {@code alice}. */
    static AuthorizeUseCase allowAll() {
        return header -> new AuthorizeUseCase.AuthDecision.Allowed("alice");
    }

    GrpcAgentGateway gateway(Supplier<String> token) {
        return new GrpcAgentGateway(address -> InProcessChannelBuilder.forName(name).directExecutor().build(), token,
                Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
    }
}
