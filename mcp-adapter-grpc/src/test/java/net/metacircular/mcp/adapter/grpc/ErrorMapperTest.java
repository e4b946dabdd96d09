package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.concurrent.CopyOnWriteArrayList;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.RegistryBusyException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
    private static final Node RIFT = new Node("rift", "100.95.252.120:9444");
    private static final List<Problem> THREE = List.of(
            new Problem("name", "is required"),
            new Problem("components[1].ports[0]", "\"8080\" is not host:container"),
            new Problem("components[2].image", "is required"));

    @Test
    void invalidInput_becomesInvalidArgument_withEveryProblemInTheDescription() {
        Status s = ErrorMapper.toStatus(new InvalidInputException(THREE));

        assertThat(s.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(s.getDescription()).contains("3 problems", "name: is required",
                "components[1].ports[0]: \"8080\" is not host:container", "components[2].image: is required");
    }

    @Test
    void domainErrors_becomeTheirCodes() {
        assertThat(ErrorMapper.toStatus(new NotFoundException("service nosuch")).getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(ErrorMapper.toStatus(new PreconditionException("busy")).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(ErrorMapper.toStatus(new ContainerRuntimeException("podman hung", true, null)))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("podman hung"));
        assertThat(ErrorMapper.toStatus(new ContainerRuntimeException("no such image", false, null)))
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL))
                .satisfies(s -> assertThat(s.getDescription()).isEqualTo("no such image"));
    }

    @Test
    void unexpectedError_isHiddenAsInternal_andLoggedWithItsStackTrace() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger(ErrorMapper.class.getName());
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            Status s = ErrorMapper.toStatus(new IllegalStateException("secret path /srv/x"));

            assertThat(s.getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(s.getDescription()).isEqualTo("internal error");
            assertThat(logged).singleElement().satisfies(r -> assertThat(r.getThrown()).hasMessage("secret path /srv/x"));
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void invalidArgument_comesBackAsInvalidInput_withTheSameProblemsAndText() {
        InvalidInputException original = new InvalidInputException(THREE);
        StatusRuntimeException wire = ErrorMapper.toStatusException(original);

        RuntimeException back = ErrorMapper.toDomain(wire, RIFT);

        assertThat(back).isInstanceOf(InvalidInputException.class).hasMessage(original.getMessage());
        assertThat(((InvalidInputException) back).problems()).isEqualTo(THREE);
    }

    @Test
    void invalidArgumentWithoutDetails_keepsTheDescriptionAsItsText() {
        RuntimeException back = ErrorMapper.toDomain(
                Status.INVALID_ARGUMENT.withDescription("name: is required").asRuntimeException(), RIFT);

        assertThat(back).isInstanceOf(InvalidInputException.class).hasMessage("name: is required");
    }

    @Test
    void notFoundAndPrecondition_comeBackAsDomainExceptions() {
        assertThat(ErrorMapper.toDomain(Status.NOT_FOUND.withDescription("component nosuch").asRuntimeException(), RIFT))
                .isInstanceOf(NotFoundException.class).hasMessage("component nosuch");
        assertThat(ErrorMapper.toDomain(Status.FAILED_PRECONDITION.withDescription("busy").asRuntimeException(), RIFT))
                .isInstanceOf(PreconditionException.class).hasMessage("busy");
    }

    @Test
    void unreachableOrSlowAgent_isUnavailable_withNodeAddressAndHint() {
        RuntimeException down = ErrorMapper.toDomain(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException(), RIFT);
        RuntimeException slow = ErrorMapper.toDomain(Status.DEADLINE_EXCEEDED.asRuntimeException(), RIFT);

        for (RuntimeException e : List.of(down, slow)) {
            assertThat(e).isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("rift").hasMessageContaining("100.95.252.120:9444")
                    .hasMessageContaining("is mcp-agent running?");
            assertThat(((AgentUnavailableException) e).node()).isEqualTo("rift");
        }
    }

    @Test
    void agentThatCannotReachMcias_saysSo_ratherThanBlamingTheAgent() {
        RuntimeException e = ErrorMapper.toDomain(
                Status.UNAVAILABLE.withDescription(ErrorMapper.AUTH_UNAVAILABLE).asRuntimeException(), RIFT);

        assertThat(e).isInstanceOf(AgentUnavailableException.class).hasMessageContaining("MCIAS")
                .hasMessageNotContaining("is mcp-agent running?");
    }

    @Test
    void registryBusy_becomesUnavailable_andComesBackSayingSo_ratherThanBlamingTheAgent() {
        StatusRuntimeException wire = ErrorMapper.toStatusException(new RegistryBusyException(
                "registry /srv/mcp/mcp.db: apply failed: another writer held the registry's lock; try again", null));

        assertThat(wire.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(wire.getStatus().getDescription()).startsWith(ErrorMapper.REGISTRY_BUSY).contains("try again");
        assertThat(ErrorMapper.toDomain(wire, RIFT)).isInstanceOf(AgentUnavailableException.class)
                .hasMessageContaining("rift").hasMessageContaining("registry is busy").hasMessageContaining("try again")
                .hasMessageNotContaining("is mcp-agent running?");
    }

    @Test
    void unauthenticated_tellsTheOperatorToLogIn_andPermissionDenied_namesTheAdminRole() {
        assertThat(ErrorMapper.toDomain(Status.UNAUTHENTICATED.withDescription("token expired").asRuntimeException(), RIFT))
                .isInstanceOf(AgentUnavailableException.class).hasMessageContaining("mcp login").hasMessageContaining("token expired");
        assertThat(ErrorMapper.toDomain(Status.PERMISSION_DENIED.asRuntimeException(), RIFT))
                .isInstanceOf(AgentUnavailableException.class).hasMessageContaining("admin role is required");
    }
}
