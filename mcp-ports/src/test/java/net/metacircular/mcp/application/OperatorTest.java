package net.metacircular.mcp.application;

import static net.metacircular.mcp.port.out.RegistryTestData.definition;
import static net.metacircular.mcp.port.out.RegistryTestData.running;
import static net.metacircular.mcp.port.out.RegistryTestData.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.in.OperatorUseCase.DeployOutcome;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.OperatorUseCase.NodeError;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.FakeAgentGateway;
import net.metacircular.mcp.port.out.FakeDefinitionStore;
import net.metacircular.mcp.port.out.RegistryTestData;
import org.junit.jupiter.api.Test;

class OperatorTest {
    private static final Node RIFT = new Node("rift", "10.0.0.1:9444");
    private static final Node VADE = new Node("vade", "10.0.0.2:9444");
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    private final FakeAgentGateway gateway = new FakeAgentGateway();
    private final FakeDefinitionStore definitions = new FakeDefinitionStore();

    private Operator operator() {
        return new Operator(gateway, definitions, List.of(RIFT, VADE), Duration.ofSeconds(2), "/home/op/.config/mcp/services");
    }

    @Test
    void givenDefinitionInServicesDir_deploy_pushesItToItsNode() {
        definitions.with(definition("vade", "metacrypt", "api", "web"));

        DeployOutcome outcome = operator().deploy("metacrypt", Optional.empty(), false);

        assertThat(outcome.node()).isEqualTo("vade");
        assertThat(outcome.service()).isEqualTo("metacrypt");
        assertThat(outcome.source()).isEqualTo("/home/op/.config/mcp/services/metacrypt.toml");
        assertThat(outcome.results()).containsExactly(ComponentResult.ok("api", "replaced"), ComponentResult.ok("web", "replaced"));
        assertThat(gateway.deployCalls()).singleElement().satisfies(c -> {
            assertThat(c.node()).isEqualTo(VADE);
            assertThat(c.component()).isEmpty();
            assertThat(c.force()).isFalse();
        });
    }

    @Test
    void givenExplicitFile_deploy_prefersItOverTheServicesDir() {
        Path file = Path.of("/tmp/metacrypt.toml");
        definitions.with(definition("vade", "metacrypt", "api"));
        definitions.file(file, definition("rift", "metacrypt", "api", "web"));

        DeployOutcome outcome = operator().deploy("metacrypt/web", Optional.of(file), true);

        assertThat(outcome.node()).isEqualTo("rift");
        assertThat(outcome.results()).containsExactly(ComponentResult.ok("web", "replaced"));
        assertThat(gateway.deployCalls()).singleElement().satisfies(c -> {
            assertThat(c.component()).contains("web");
            assertThat(c.force()).isTrue();
        });
    }

    @Test
    void givenNoFile_deploy_fallsBackToTheRegistryOfTheNodeHoldingTheService() {
        gateway.services("vade", service("metacrypt", running("metacrypt", "api", "v1", T0)));

        DeployOutcome outcome = operator().deploy("metacrypt", Optional.empty(), false);

        assertThat(outcome.node()).isEqualTo("vade");
        assertThat(outcome.source()).isEqualTo("registry of node vade");
        assertThat(gateway.deployCalls()).singleElement()
                .satisfies(c -> assertThat(c.spec().components()).extracting(s -> s.image())
                        .containsExactly("registry.test/metacrypt-api:v1"));
    }

    @Test
    void givenNoFileAndNoRegistry_deploy_explainsHowToCreateADefinition() {
        assertThatThrownBy(() -> operator().deploy("mcr", Optional.empty(), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("create /home/op/.config/mcp/services/mcr.toml")
                .hasMessageContaining("name = \"mcr\"\nnode = \"rift\"")
                .hasMessageContaining("[[components]]")
                .hasMessageContaining("-f FILE");
        assertThat(gateway.deployCalls()).isEmpty();
    }

    @Test
    void givenAnUnreachableNodeAndNoDefinition_deploy_saysThatNodeCouldNotBeAsked() {
        gateway.unreachable("vade", "connection refused");

        assertThatThrownBy(() -> operator().deploy("mcr", Optional.empty(), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("node vade could not be asked: connection refused");
    }

    @Test
    void givenServiceInTwoRegistries_deploy_refusesToGuess() {
        gateway.services("rift", service("mcr", running("mcr", "api", "v1", T0)));
        gateway.services("vade", service("mcr", running("mcr", "api", "v2", T0)));

        assertThatThrownBy(() -> operator().deploy("mcr", Optional.empty(), false))
                .isInstanceOf(PreconditionException.class)
                .hasMessageContaining("rift, vade");
        assertThat(gateway.deployCalls()).isEmpty();
    }

    @Test
    void givenComponentTheSpecLacks_deploy_failsBeforeAnyRpc() {
        definitions.with(definition("rift", "metacrypt", "api", "web"));

        assertThatThrownBy(() -> operator().deploy("metacrypt/nosuch", Optional.empty(), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no component \"nosuch\"")
                .hasMessageContaining("its components are api, web");
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenDefinitionNamingAnUnconfiguredNode_deploy_listsTheConfiguredNodes() {
        definitions.with(definition("nowhere", "metacrypt", "api"));

        assertThatThrownBy(() -> operator().deploy("metacrypt", Optional.empty(), false))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("node \"nowhere\" is not a configured node; configured nodes: rift, vade");
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenInvalidDefinition_deploy_propagatesEveryProblemAndCallsNoAgent() {
        definitions.failing("metacrypt", () -> {
            throw new InvalidInputException(List.of(new Problem("name", "a"), new Problem("node", "b")));
        });

        assertThatThrownBy(() -> operator().deploy("metacrypt", Optional.empty(), false))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).hasSize(2));
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenMalformedTarget_deploy_rejectsIt() {
        assertThatThrownBy(() -> operator().deploy("a/b/c", Optional.empty(), false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operator().deploy("../etc", Optional.empty(), false)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> operator().deploy("svc/-rf", Optional.empty(), false)).isInstanceOf(InvalidInputException.class);
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenFileForAnotherService_deploy_rejectsIt() {
        Path file = Path.of("/tmp/x.toml");
        definitions.file(file, definition("rift", "other", "api"));

        assertThatThrownBy(() -> operator().deploy("metacrypt", Optional.of(file), false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/tmp/x.toml: name");
    }

    @Test
    void givenOneUnreachableNode_list_returnsTheOthersAndOneError() {
        gateway.services("vade", service("mcr", running("mcr", "api", "v1", T0)));
        gateway.unreachable("rift", "connection refused");

        Fleet<List<ServiceRecord>> fleet = operator().list();

        assertThat(fleet.answers()).singleElement().satisfies(a -> {
            assertThat(a.node()).isEqualTo("vade");
            assertThat(a.data()).extracting(ServiceRecord::name).containsExactly("mcr");
        });
        assertThat(fleet.errors()).containsExactly(new NodeError("rift", "10.0.0.1:9444", "connection refused"));
        assertThat(fleet.partial()).isTrue();
    }

    @Test
    void givenHangingNode_ps_givesUpAfterTheDeadlineAndKeepsTheOtherAnswer() {
        gateway.hanging("rift");
        gateway.services("vade", service("mcr", running("mcr", "api", "v1", T0)));
        Operator op = new Operator(gateway, definitions, List.of(RIFT, VADE), Duration.ofMillis(200));

        long start = System.nanoTime();
        Fleet<List<ServiceRecord>> fleet = op.ps();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(fleet.answers()).extracting(a -> a.node()).containsExactly("vade");
        assertThat(fleet.errors()).containsExactly(new NodeError("rift", "10.0.0.1:9444", "no answer within 200ms"));
    }

    @Test
    void givenNodes_list_answersInConfiguredOrder() {
        gateway.services("rift", service("a", running("a", "a", "v1", T0)));
        gateway.services("vade", service("b", running("b", "b", "v1", T0)));

        assertThat(operator().list().answers()).extracting(a -> a.node()).containsExactly("rift", "vade");
        assertThat(gateway.calls()).containsExactlyInAnyOrder("listServices rift", "listServices vade");
    }

    @Test
    void givenServiceOnOneNode_status_reportsOnlyThatNode() {
        gateway.services("vade", service("mcr", RegistryTestData.component("mcr", "api", "v1",
                DesiredState.RUNNING, ObservedState.EXITED, T0)));

        Fleet<StatusReport> fleet = operator().status(Optional.of("mcr"));

        assertThat(fleet.errors()).isEmpty();
        assertThat(fleet.answers()).singleElement().satisfies(a -> {
            assertThat(a.node()).isEqualTo("vade");
            assertThat(a.data().drift()).extracting(c -> c.name()).containsExactly("api");
        });
    }

    @Test
    void givenServiceOnNoNode_status_isNotFound() {
        assertThatThrownBy(() -> operator().status(Optional.of("mcr")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("asked rift, vade");
    }

    @Test
    void givenDuplicateNodeNames_constructor_rejectsThem() {
        assertThatThrownBy(() -> new Operator(gateway, definitions, List.of(RIFT, RIFT), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
