package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Set;
import java.util.logging.Level;
import net.metacircular.mcp.application.TokenAuthorizer;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.out.AuthUnavailableException;
import net.metacircular.mcp.port.out.TokenInfo;
import net.metacircular.mcp.port.out.TokenValidator;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import net.metacircular.mcp.proto.v1.NodeStatusRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {
    private static final String ADMIN_TOKEN = "admin.token.value";
    private static final String LIST = "mcp.v1.McpAgent/ListServices";

    /** A clock that only moves when told, so durations in audit lines are exact. */
    private static final class StepClock implements InstantSource {
        volatile Instant now = Instant.parse("2026-06-01T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** MCIAS as a table: a few known tokens, and "down" for an unreachable MCIAS. */
    private final TokenValidator mcias = token -> switch (token) {
        case ADMIN_TOKEN -> new TokenInfo(true, "s-1", "alice", Set.of("admin"), Instant.parse("2026-06-01T13:00:00Z"));
        case "viewer.token" -> new TokenInfo(true, "s-2", "bob", Set.of("viewer"), Instant.parse("2026-06-01T13:00:00Z"));
        case "expired.token" -> new TokenInfo(true, "s-1", "alice", Set.of("admin"), Instant.parse("2026-06-01T11:00:00Z"));
        case "down" -> throw new AuthUnavailableException("connect timed out", null);
        default -> TokenInfo.rejected();
    };
    private final StepClock clock = new StepClock();
    private final TokenAuthorizer authorizer = new TokenAuthorizer(mcias, clock, Duration.ofSeconds(30));
    // each authorization "takes" 7 ms, so every audit line has a known duration
    private final AuthorizeUseCase slowAuthorizer = header -> {
        clock.now = clock.now.plusMillis(7);
        return authorizer.authorize(header);
    };
    private final FakeUseCases useCases = new FakeUseCases();
    private final AuditCapture audit = new AuditCapture();
    private final InProcessAgent agent = new InProcessAgent(useCases, slowAuthorizer, clock);

    @AfterEach
    void stop() {
        agent.close();
        audit.close();
    }

    private Status listServices(String authorization) {
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(AuthInterceptor.AUTHORIZATION, authorization);
        }
        try {
            McpAgentGrpc.newBlockingStub(agent.channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .listServices(ListServicesRequest.getDefaultInstance());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        }
    }

    @Test
    void noToken_isUnauthenticated_andAudited() {
        assertThat(listServices(null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        assertThat(audit.lines()).containsExactly("audit method=" + LIST + " caller=- outcome=UNAUTHENTICATED duration_ms=7");
    }

    @Test
    void garbageToken_isUnauthenticated_andAudited() {
        assertThat(listServices("Bearer garbage").getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(listServices("Basic dXNlcjpwYXNz").getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

        assertThat(audit.lines()).hasSize(2).allMatch(l -> l.contains("outcome=UNAUTHENTICATED"));
    }

    @Test
    void expiredToken_isUnauthenticated_andAuditedWithTheCaller() {
        Status s = listServices("Bearer expired.token");

        assertThat(s.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(s.getDescription()).isEqualTo("token expired");
        assertThat(audit.lines()).containsExactly("audit method=" + LIST + " caller=alice outcome=UNAUTHENTICATED duration_ms=7");
    }

    @Test
    void validTokenWithoutAdmin_isPermissionDenied_andAudited() {
        Status s = listServices("Bearer viewer.token");

        assertThat(s.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(audit.lines()).containsExactly("audit method=" + LIST + " caller=bob outcome=PERMISSION_DENIED duration_ms=7");
    }

    @Test
    void unreachableMcias_failsClosedAsUnavailable_andAudited() {
        Status s = listServices("Bearer down");

        assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(s.getDescription()).isEqualTo("authentication service unavailable");
        assertThat(audit.lines()).containsExactly("audit method=" + LIST + " caller=- outcome=UNAVAILABLE duration_ms=7");
    }

    @Test
    void authorizerThatThrows_failsClosed() {
        try (InProcessAgent broken = new InProcessAgent(useCases, header -> {
            throw new IllegalStateException("bug");
        }, clock)) {
            assertThatThrownBy(() -> McpAgentGrpc.newBlockingStub(broken.channel).listServices(ListServicesRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
        assertThat(useCases.statusCalls).isEmpty();
    }

    @Test
    void adminToken_isServed_withTheCallerInContext_andOneAuditLine() {
        var gateway = agent.gateway(() -> ADMIN_TOKEN);
        try {
            gateway.deploy(new net.metacircular.mcp.port.out.AgentGateway.Node("rift", "x:1"), GrpcTestData.metacrypt(),
                    java.util.Optional.empty(), false);
        } finally {
            gateway.close();
        }

        assertThat(useCases.deploys.getFirst().caller()).isEqualTo("alice");
        assertThat(audit.lines()).containsExactly("audit method=mcp.v1.McpAgent/Deploy caller=alice outcome=OK duration_ms=7");
        assertThat(audit.records()).singleElement().satisfies(r -> assertThat(r.getLevel()).isEqualTo(Level.INFO));
    }

    @Test
    void admittedCallThatFails_isAuditedWithItsStatusCode() {
        useCases.failure = new NotFoundException("no service nosuch");

        assertThat(listServices("Bearer " + ADMIN_TOKEN).getCode()).isEqualTo(Status.Code.NOT_FOUND);

        assertThat(audit.lines()).containsExactly("audit method=" + LIST + " caller=alice outcome=NOT_FOUND duration_ms=7");
    }

    @Test
    void auditLines_neverContainTheToken() {
        listServices("Bearer " + ADMIN_TOKEN);
        listServices("Bearer viewer.token");
        listServices("Bearer expired.token");

        assertThat(audit.lines()).hasSize(3).noneMatch(l -> l.contains("token.value") || l.contains("viewer.token")
                || l.contains("expired.token"));
    }

    @Test
    void healthService_isBehindTheSameInterceptor() {
        HealthCheckRequest req = HealthCheckRequest.newBuilder().setService(McpAgentGrpc.SERVICE_NAME).build();

        assertThatThrownBy(() -> HealthGrpc.newBlockingStub(agent.channel).check(req))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        Metadata headers = new Metadata();
        headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + ADMIN_TOKEN);
        HealthCheckResponse ok = HealthGrpc.newBlockingStub(agent.channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers)).check(req);

        assertThat(ok.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThat(audit.lines()).containsExactly(
                "audit method=grpc.health.v1.Health/Check caller=- outcome=UNAUTHENTICATED duration_ms=7",
                "audit method=grpc.health.v1.Health/Check caller=alice outcome=OK duration_ms=7");
    }

    @Test
    void everyMcpRpc_requiresAToken_evenTheUnimplementedOnes() {
        assertThatThrownBy(() -> McpAgentGrpc.newBlockingStub(agent.channel)
                .stopService(net.metacircular.mcp.proto.v1.ServiceRequest.newBuilder().setName("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> McpAgentGrpc.newBlockingStub(agent.channel).nodeStatus(NodeStatusRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void usernameWithSpacesOrNewlines_cannotForgeAuditFields() {
        assertThat(AuthInterceptor.safe("eve outcome=OK\naudit")).isEqualTo("eve?outcome?OK?audit");
        assertThat(AuthInterceptor.safe("")).isEqualTo("-");
    }
}
