package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** StopService, StartService, RestartService, SyncDesiredState and AdoptContainer through the real gRPC mapping. */
class ServiceManagementRpcTest {
    private static final Node RIFT = new Node("rift", "in-process:1");
    private final String name = InProcessServerBuilder.generateName();
    private final List<String> calls = new ArrayList<>();
    private final FakeUseCases others = new FakeUseCases();
    private final AgentServer server = AgentServer.start(InProcessServerBuilder.forName(name).directExecutor(),
            new AgentGrpcService(others, others, others, new AgentGrpcService.ServiceManagement(
                    (action, service) -> {
                        calls.add(action.verb() + " " + service);
                        if (service.equals("nosuch")) {
                            throw new NotFoundException("service nosuch is not in the registry of this node");
                        }
                        return List.of(ComponentResult.ok("api", action.verb()), ComponentResult.failed("web", "boom"));
                    },
                    services -> services.stream().map(s -> new ServiceSyncResult(s.name(), true, "recorded " + s.active())).toList(),
                    service -> List.of(AdoptResult.ok(service + "-web", "web"),
                            AdoptResult.leftAlone(service + "-proxy", "proxy", "matches the longer prefix of service mc-proxy")))),
            new AuthInterceptor(header -> new AuthorizeUseCase.AuthDecision.Allowed("alice"), InstantSource.system()));
    private final GrpcAgentGateway gateway = new GrpcAgentGateway(
            address -> InProcessChannelBuilder.forName(name).directExecutor().build(), () -> "t", Duration.ofSeconds(5));

    @AfterEach
    void close() {
        gateway.close();
        server.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void lifecycleRpcs_carryTheActionAndPerComponentResults() {
        for (LifecycleAction a : LifecycleAction.values()) {
            assertThat(gateway.lifecycle(RIFT, a, "metacrypt"))
                    .containsExactly(ComponentResult.ok("api", a.verb()), ComponentResult.failed("web", "boom"));
        }
        assertThat(calls).containsExactly("stop metacrypt", "start metacrypt", "restart metacrypt");
        assertThatThrownBy(() -> gateway.lifecycle(RIFT, LifecycleAction.STOP, "nosuch")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void sync_carriesEveryServiceAndItsResult() {
        List<ServiceSyncResult> results = gateway.sync(RIFT, List.of(
                new ServiceSpec("a", false, List.of(ComponentSpec.of("a", "reg/a:v1"))), new ServiceSpec("b", true, List.of())));

        assertThat(results).containsExactly(new ServiceSyncResult("a", true, "recorded false"),
                new ServiceSyncResult("b", true, "recorded true"));
    }

    @Test
    void adopt_carriesAdoptedAndLeftAloneContainers() {
        assertThat(gateway.adopt(RIFT, "mc")).containsExactly(AdoptResult.ok("mc-web", "web"),
                AdoptResult.leftAlone("mc-proxy", "proxy", "matches the longer prefix of service mc-proxy"));
    }
}
