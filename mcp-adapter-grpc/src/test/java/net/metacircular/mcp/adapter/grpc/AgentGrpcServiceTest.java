package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.ServiceRequest;
import net.metacircular.mcp.proto.v1.ServiceStatusRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentGrpcServiceTest {
    private static final Node RIFT = new Node("rift", "rift.test:9444");
    private final FakeUseCases useCases = new FakeUseCases();
    private final InProcessAgent agent = new InProcessAgent(useCases, InProcessAgent.allowAll(), InstantSource.system());
    private final GrpcAgentGateway gateway = agent.gateway(() -> "token");

    @AfterEach
    void stop() {
        gateway.close();
        agent.close();
    }

    @Test
    void deploy_passesSpecComponentAndForceToTheUseCase_andReturnsItsResults() {
        useCases.deployAnswer = List.of(ComponentResult.ok("api", "replaced"));

        List<ComponentResult> results = gateway.deploy(RIFT, GrpcTestData.metacrypt(), Optional.of("api"), true);

        assertThat(results).containsExactly(ComponentResult.ok("api", "replaced"));
        assertThat(useCases.deploys).singleElement().satisfies(c -> {
            assertThat(c.spec()).isEqualTo(GrpcTestData.metacrypt());
            assertThat(c.component()).contains("api");
            assertThat(c.force()).isTrue();
            assertThat(c.caller()).isEqualTo("alice");
        });
    }

    @Test
    void deployOfAllComponents_sendsNoComponentFilter() {
        gateway.deploy(RIFT, GrpcTestData.metacrypt(), Optional.empty(), false);

        assertThat(useCases.deploys.getFirst().component()).isEmpty();
    }

    @Test
    void nameOver63Characters_isRefusedBeforeTheUseCase() {
        ServiceSpec longName = new ServiceSpec("a".repeat(64), true, List.of(GrpcTestData.web()));

        assertThatThrownBy(() -> gateway.deploy(RIFT, longName, Optional.empty(), false))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .containsExactly(new Problem("name", "is longer than 63 characters")));
        assertThat(useCases.deploys).isEmpty();
    }

    @Test
    void specWithMoreThan64Components_isRefusedBeforeTheUseCase() {
        List<ComponentSpec> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            many.add(ComponentSpec.of("c" + i, "img:v1"));
        }

        assertThatThrownBy(() -> gateway.deploy(RIFT, new ServiceSpec("big", true, many), Optional.empty(), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("components: more than 64 components");
        assertThat(useCases.deploys).isEmpty();
    }

    @Test
    void oversizedListEntries_areReportedAllAtOnceWithFieldPaths() {
        ComponentSpec big = new ComponentSpec("api", "i".repeat(2000), "", "", "", List.of(), List.of(),
                List.of("x".repeat(5000)), List.of());

        assertThatThrownBy(() -> gateway.deploy(RIFT, new ServiceSpec("svc", true, List.of(big)), Optional.empty(), false))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).extracting(Problem::field)
                        .containsExactly("components[0].image", "components[0].cmd[0]"));
    }

    @Test
    void domainNotFound_reachesTheCliAsNotFound() {
        useCases.failure = new NotFoundException("service svc has no component nosuch");

        assertThatThrownBy(() -> gateway.deploy(RIFT, GrpcTestData.metacrypt(), Optional.of("nosuch"), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service svc has no component nosuch");
    }

    @Test
    void domainValidation_reachesTheCliWithEveryProblem() {
        useCases.failure = new InvalidInputException(List.of(new Problem("components[0].image", "is required"),
                new Problem("components[1].ports[0]", "\"8080\" is not host:container")));

        assertThatThrownBy(() -> gateway.deploy(RIFT, GrpcTestData.metacrypt(), Optional.empty(), false))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems()).hasSize(2));
    }

    @Test
    void runtimeUnavailable_reachesTheCliAsUnavailable() {
        useCases.failure = new ContainerRuntimeException("podman timed out", true, null);

        assertThatThrownBy(() -> gateway.liveCheck(RIFT))
                .isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("podman timed out");
    }

    @Test
    void listServicesAndLiveCheck_returnTheRegistry() {
        useCases.services = List.of(GrpcTestData.metacryptRecord());

        assertThat(gateway.listServices(RIFT)).containsExactly(GrpcTestData.metacryptRecord());
        assertThat(gateway.liveCheck(RIFT)).containsExactly(GrpcTestData.metacryptRecord());
    }

    @Test
    void status_ofOneService_usesTheDefaultEventLimit_andReturnsDriftAndEvents() {
        var svc = GrpcTestData.metacryptRecord();
        useCases.report = new StatusReport(List.of(svc), StatusReport.driftOf(List.of(svc)), List.of(GrpcTestData.crash()));

        StatusReport report = gateway.status(RIFT, Optional.of("metacrypt"));

        assertThat(report).isEqualTo(useCases.report);
        assertThat(useCases.statusCalls).containsExactly(new FakeUseCases.StatusCall(Optional.of("metacrypt"), 50));
    }

    @Test
    void hugeEventLimit_isCapped() {
        McpAgentGrpc.newBlockingStub(agent.channel).getServiceStatus(ServiceStatusRequest.newBuilder().setEventLimit(-1).build());

        assertThat(useCases.statusCalls).containsExactly(new FakeUseCases.StatusCall(Optional.empty(), 1000));
    }

    @Test
    void nodeStatus_returnsTheNodeFacts() {
        assertThat(gateway.nodeStatus(RIFT)).isEqualTo(useCases.node);
    }

    @Test
    void rpcWithoutUseCaseYet_isUnimplemented_saySo() {
        assertThatThrownBy(() -> McpAgentGrpc.newBlockingStub(agent.channel)
                .stopService(ServiceRequest.newBuilder().setName("svc").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("mcp.v1.McpAgent/StopService is not implemented yet in this agent");
                });
    }
}
