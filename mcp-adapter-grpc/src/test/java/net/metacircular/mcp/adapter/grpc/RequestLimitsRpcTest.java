package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.proto.v1.AdoptRequest;
import net.metacircular.mcp.proto.v1.ComponentSpec;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.PullFileRequest;
import net.metacircular.mcp.proto.v1.PushFileRequest;
import net.metacircular.mcp.proto.v1.ServiceRequest;
import net.metacircular.mcp.proto.v1.ServiceSpec;
import net.metacircular.mcp.proto.v1.ServiceStatusRequest;
import net.metacircular.mcp.proto.v1.SyncRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every RPC with a string, bytes or list field, sent over its size limit by a raw client: each is refused with
 * {@code INVALID_ARGUMENT} naming the field, and no use case is called. A message over gRPC's own 4 MiB limit is
 * refused by the real TLS server with {@code RESOURCE_EXHAUSTED}, which the CLI's gateway reports plainly.
 */
class RequestLimitsRpcTest {
    private static final String LONG_NAME = "a".repeat(64);
    private final String name = InProcessServerBuilder.generateName();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final FakeUseCases useCases = new FakeUseCases();
    private final AgentServer server = AgentServer.start(InProcessServerBuilder.forName(name).directExecutor(),
            service(useCases, calls), new AuthInterceptor(InProcessAgent.allowAll(), InstantSource.system()));
    private final ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    private final McpAgentGrpc.McpAgentBlockingStub stub = McpAgentGrpc.newBlockingStub(channel);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.shutdown(Duration.ofSeconds(1));
    }

    private static AgentGrpcService service(FakeUseCases useCases, List<String> calls) {
        return new AgentGrpcService(useCases, useCases, useCases, new AgentGrpcService.ServiceManagement(
                (action, service) -> {
                    calls.add(action.verb() + " " + service);
                    return List.of();
                },
                services -> {
                    calls.add("sync " + services.size());
                    return List.of();
                },
                service -> {
                    calls.add("adopt " + service);
                    return List.of();
                }));
    }

    private static ComponentSpec.Builder component() {
        return ComponentSpec.newBuilder().setName("web").setImage("img:v1");
    }

    private static ServiceSpec spec(Consumer<ComponentSpec.Builder> change) {
        ComponentSpec.Builder c = component();
        change.accept(c);
        return ServiceSpec.newBuilder().setName("svc").setActive(true).addComponents(c).build();
    }

    private static List<String> many(int n, String value) {
        return Collections.nCopies(n, value);
    }

    @Test
    void everyOversizedFieldOfEveryRpc_isInvalidArgument_namingTheField_andReachesNoUseCase() {
        String big = "x".repeat(RequestLimits.MAX_FIELD + 1);
        String bigValue = "x".repeat(4097);
        Map<String, Supplier<Object>> cases = new java.util.LinkedHashMap<>();
        cases.put("name", () -> stub.deploy(DeployRequest.newBuilder()
                .setService(ServiceSpec.newBuilder().setName(LONG_NAME).addComponents(component())).build()));
        cases.put("component", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> { }))
                .setComponent(LONG_NAME).build()));
        cases.put("components", () -> {
            ServiceSpec.Builder s = ServiceSpec.newBuilder().setName("svc");
            for (int i = 0; i < 65; i++) {
                s.addComponents(component().setName("c" + i));
            }
            return stub.deploy(DeployRequest.newBuilder().setService(s).build());
        });
        cases.put("components[0].name", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.setName(LONG_NAME))).build()));
        cases.put("components[0].image", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.setImage(big))).build()));
        cases.put("components[0].network", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.setNetwork(big))).build()));
        cases.put("components[0].user", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.setUser(big))).build()));
        cases.put("components[0].restart", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.setRestart(big))).build()));
        cases.put("components[0].ports", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addAllPorts(many(257, "1:1")))).build()));
        cases.put("components[0].volumes", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addAllVolumes(many(257, "a:/b")))).build()));
        cases.put("components[0].cmd", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addAllCmd(many(257, "x")))).build()));
        cases.put("components[0].env", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addAllEnv(many(257, "A=1")))).build()));
        cases.put("components[0].ports[0]", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addPorts(bigValue))).build()));
        cases.put("components[0].volumes[0]", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addVolumes(bigValue))).build()));
        cases.put("components[0].cmd[0]", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addCmd(bigValue))).build()));
        cases.put("components[0].env[0]", () -> stub.deploy(DeployRequest.newBuilder().setService(spec(c -> c.addEnv(bigValue))).build()));
        cases.put("stop name", () -> stub.stopService(ServiceRequest.newBuilder().setName(LONG_NAME).build()));
        cases.put("start name", () -> stub.startService(ServiceRequest.newBuilder().setName(LONG_NAME).build()));
        cases.put("restart name", () -> stub.restartService(ServiceRequest.newBuilder().setName(LONG_NAME).build()));
        cases.put("services", () -> {
            SyncRequest.Builder r = SyncRequest.newBuilder();
            for (int i = 0; i < RequestLimits.MAX_SYNC_SERVICES + 1; i++) {
                r.addServices(ServiceSpec.newBuilder().setName("s" + i));
            }
            return stub.syncDesiredState(r.build());
        });
        cases.put("services[0].components[0].image", () -> stub.syncDesiredState(SyncRequest.newBuilder()
                .addServices(spec(c -> c.setImage(big))).build()));
        cases.put("status name", () -> stub.getServiceStatus(ServiceStatusRequest.newBuilder().setName(LONG_NAME).build()));
        cases.put("adopt service", () -> stub.adoptContainer(AdoptRequest.newBuilder().setService(LONG_NAME).build()));
        cases.put("push service", () -> stub.pushFile(PushFileRequest.newBuilder().setService(LONG_NAME).setPath("a").build()));
        cases.put("push path", () -> stub.pushFile(PushFileRequest.newBuilder().setService("mcr").setPath("a/".repeat(513)).build()));
        cases.put("push path bytes", () -> stub.pushFile(PushFileRequest.newBuilder().setService("mcr").setPath("é".repeat(513)).build()));
        cases.put("push content", () -> stub.pushFile(PushFileRequest.newBuilder().setService("mcr").setPath("a")
                .setContent(ByteString.copyFrom(new byte[FileContent.MAX_BYTES + 1])).build()));
        cases.put("pull service", () -> stub.pullFile(PullFileRequest.newBuilder().setService(LONG_NAME).setPath("a").build()));
        cases.put("pull path", () -> stub.pullFile(PullFileRequest.newBuilder().setService("mcr").setPath("a/".repeat(513)).build()));

        cases.forEach((field, call) -> {
            String expected = field.replaceFirst("^(stop|start|restart|status|adopt|push|pull) ", "").replace(" bytes", "");
            assertThatThrownBy(call::get).as(field).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).as(field).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).as(field).contains(expected + ": ");
                assertThat(e.getStatus().getDescription()).as(field).hasSizeLessThan(2000);
            });
        });
        assertThat(cases).hasSize(29);
        assertThat(useCases.deploys).isEmpty();
        assertThat(useCases.statusCalls).isEmpty();
        assertThat(useCases.files).isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void aFileAtTheLimit_isStillAccepted() {
        stub.pushFile(PushFileRequest.newBuilder().setService("mcr").setPath("a/".repeat(511) + "xy")
                .setContent(ByteString.copyFrom(new byte[FileContent.MAX_BYTES])).build());

        assertThat(useCases.files).containsOnlyKeys("mcr/" + "a/".repeat(511) + "xy");
    }

    @Test
    void aPushOverGrpcsMessageLimit_isResourceExhaustedOnTheRealServer_andTheCliSaysWhy() throws Exception {
        TestPki ca = TestPki.create(dir, "limits");
        TestPki.Leaf cert = ca.leaf("agent", "IP:127.0.0.1");
        FakeUseCases tlsUseCases = new FakeUseCases();
        AgentServer tls = AgentServer.start(AgentServer.Config.of("127.0.0.1", 0, cert.cert(), cert.key()),
                new AgentGrpcService(tlsUseCases, tlsUseCases, tlsUseCases),
                new AuthInterceptor(header -> new AuthorizeUseCase.AuthDecision.Allowed("alice"), InstantSource.system()));
        byte[] overLimit = new byte[AgentServer.DEFAULT_MAX_MESSAGE_BYTES + 1];
        ManagedChannel raw = NettyChannelBuilder.forAddress("127.0.0.1", tls.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.caCert.toFile()).build()).build();
        try (GrpcAgentGateway gateway = GrpcAgentGateway.overTls(Optional.of(ca.caCert), () -> "t", Duration.ofSeconds(10))) {
            Metadata headers = new Metadata();
            headers.put(AuthInterceptor.AUTHORIZATION, "Bearer t");
            McpAgentGrpc.McpAgentBlockingStub rawStub = McpAgentGrpc.newBlockingStub(raw)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

            assertThatThrownBy(() -> rawStub.pushFile(PushFileRequest.newBuilder().setService("mcr").setPath("big")
                    .setContent(ByteString.copyFrom(overLimit)).build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                        assertThat(e.getStatus().getDescription()).contains(Integer.toString(AgentServer.DEFAULT_MAX_MESSAGE_BYTES));
                    });
            Node node = new Node("rift", "127.0.0.1:" + tls.port());
            assertThatThrownBy(() -> gateway.pushFile(node, "mcr", "big", overLimit, 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("node rift (127.0.0.1:" + tls.port() + ") refused a message over its size limit")
                    .hasMessageContaining("at most " + FileContent.MAX_BYTES + " bytes");
            // between the file limit and the message limit, the agent's own check answers, naming the limit
            assertThatThrownBy(() -> gateway.pushFile(node, "mcr", "big", new byte[FileContent.MAX_BYTES + 1], 0))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("content: is " + (FileContent.MAX_BYTES + 1) + " bytes, over the limit of "
                            + FileContent.MAX_BYTES);
            assertThat(tlsUseCases.files).isEmpty();
        } finally {
            raw.shutdownNow();
            tls.shutdown(Duration.ofSeconds(1));
        }
    }
}
