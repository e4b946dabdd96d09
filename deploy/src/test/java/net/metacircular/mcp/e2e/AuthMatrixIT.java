package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Security invariant 1 and 2 against the real agent and the real (development) MCIAS: every RPC of the agent's
 * service descriptor, and the health service, refuses every bad credential with the right code, changes
 * nothing, and leaves one audit line per call. A new RPC is covered without touching this test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthMatrixIT {
    private Pki pki;
    private Mcias mcias;
    private AgentNode node;
    private Operator op;

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("mcp-authmatrix-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        node = new AgentNode("authm", work.resolve("node"), pki, mcias, "podman").start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(node));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mcias != null) {
            mcias.close();
        }
    }

    private static List<MethodDescriptor<Object, Object>> everyRpc() {
        List<MethodDescriptor<Object, Object>> all = new ArrayList<>();
        for (var d : List.of(McpAgentGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> m : d.getMethods()) {
                if (m.getType() == MethodDescriptor.MethodType.UNARY) {
                    @SuppressWarnings("unchecked")
                    MethodDescriptor<Object, Object> unary = (MethodDescriptor<Object, Object>) m;
                    all.add(unary);
                }
            }
        }
        return all;
    }

    private Status callWithHeader(MethodDescriptor<Object, Object> m, String authorization) throws Exception {
        ManagedChannel ch = NettyChannelBuilder.forTarget(node.address())
                .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert.toFile()).protocols("TLSv1.3").build())
                .build();
        try {
            Metadata md = new Metadata();
            if (authorization != null) {
                md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
            }
            Object request = ((MethodDescriptor.PrototypeMarshaller<?>) m.getRequestMarshaller()).getMessagePrototype();
            var channel = io.grpc.ClientInterceptors.intercept(ch, MetadataUtils.newAttachHeadersInterceptor(md));
            ClientCalls.blockingUnaryCall(channel, m, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), request);
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private long audits(MethodDescriptor<?, ?> m, String outcome) throws Exception {
        String needle = "audit method=" + m.getFullMethodName() + " ";
        return node.logText().lines().filter(l -> l.contains(needle) && l.contains("outcome=" + outcome + " ")).count();
    }

    private String registryAndRuntime() {
        return op.mcp("list", "--json").assertOk().out()
                + Operator.podman("ps", "-a", "--format", "{{.ID}} {{.Names}} {{.StartedAt}}").assertOk().out();
    }

    /** Calls every RPC with {@code header} and checks the code and one audit line each. */
    private void refusedEverywhere(String header, Status.Code code) throws Exception {
        String before = registryAndRuntime();
        Map<String, Long> auditBefore = new LinkedHashMap<>();
        for (var m : everyRpc()) {
            auditBefore.put(m.getFullMethodName(), audits(m, code.name()));
        }
        for (var m : everyRpc()) {
            assertThat(callWithHeader(m, header).getCode()).as(m.getFullMethodName() + " with " + describe(header)).isEqualTo(code);
        }
        Thread.sleep(300);
        for (var m : everyRpc()) {
            assertThat(audits(m, code.name()) - auditBefore.get(m.getFullMethodName()))
                    .as("audit lines of " + m.getFullMethodName()).isEqualTo(1);
        }
        assertThat(registryAndRuntime()).isEqualTo(before);
    }

    private static String describe(String header) {
        return header == null ? "no header" : header.length() > 40 ? header.substring(0, 40) + "…" : header;
    }

    @Test
    @Order(1)
    void everyRpc_withoutAToken_isUnauthenticated() throws Exception {
        refusedEverywhere(null, Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(2)
    void everyRpc_withAMalformedHeader_isUnauthenticated() throws Exception {
        refusedEverywhere("Basic YWRtaW46YWRtaW4=", Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(3)
    void everyRpc_withAGarbageToken_isUnauthenticated() throws Exception {
        refusedEverywhere("Bearer not.a.jwt", Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(4)
    void everyRpc_withAnExpiredToken_isUnauthenticated() throws Exception {
        refusedEverywhere("Bearer " + mcias.issue("admin", List.of("admin"), -5), Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(5)
    void everyRpc_withARevokedToken_isUnauthenticated() throws Exception {
        String token = mcias.issue("admin", List.of("admin"), 3600);
        mcias.revoke(token);
        refusedEverywhere("Bearer " + token, Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(6)
    void everyRpc_withAValidNonAdminToken_isPermissionDenied() throws Exception {
        refusedEverywhere("Bearer " + mcias.issue("viewer", List.of("viewer"), 3600), Status.Code.PERMISSION_DENIED);
    }

    @Test
    @Order(7)
    void everyRpc_whenMciasIsSlowerThanTheTimeout_failsClosed() throws Exception {
        String fresh = mcias.issue("admin", List.of("admin"), 3600);
        mcias.delayValidation(8000);
        try {
            // One RPC is enough here: each waits the agent's whole MCIAS timeout.
            var m = everyRpc().stream().filter(x -> x.getFullMethodName().endsWith("/ListServices")).findFirst().orElseThrow();
            assertThat(callWithHeader(m, "Bearer " + fresh).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            mcias.delayValidation(0);
        }
    }

    @Test
    @Order(8)
    void everyRpc_whenMciasIsDown_failsClosed() throws Exception {
        String fresh = mcias.issue("admin", List.of("admin"), 3600);
        mcias.close();
        mcias = null;
        for (var m : everyRpc()) {
            assertThat(callWithHeader(m, "Bearer " + fresh).getCode()).as(m.getFullMethodName()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        assertThat(node.logText()).doesNotContain(fresh);
    }
}
