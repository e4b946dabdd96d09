package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import net.metacircular.mcp.port.in.AuthorizeUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.AgentUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentServerTlsTest {
    @TempDir
    static Path dir;
    static TestPki ca;
    static TestPki.Leaf agentCert;
    static TestPki.Leaf wrongNameCert;
    static TestPki otherCa;
    static TestPki.Leaf otherCaCert;

    private final FakeUseCases useCases = new FakeUseCases();
    private AgentServer server;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.create(dir, "good");
        agentCert = ca.leaf("agent", "IP:127.0.0.1");
        wrongNameCert = ca.leaf("wrong-name", "DNS:other.example");
        otherCa = TestPki.create(dir, "other");
        otherCaCert = otherCa.leaf("impostor", "IP:127.0.0.1");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown(Duration.ofSeconds(1));
        }
    }

    private AgentServer start(TestPki.Leaf leaf) {
        return start(leaf.cert(), leaf.key());
    }

    private AgentServer start(Path cert, Path key) {
        server = AgentServer.start(AgentServer.Config.of("127.0.0.1", 0, cert, key),
                new AgentGrpcService(useCases, useCases, useCases), new AuthInterceptor(InProcessAgent.allowAll(), InstantSource.system()));
        return server;
    }

    private Node node() {
        return new Node("rift", "127.0.0.1:" + server.port());
    }

    @Test
    void gatewayTrustingTheCa_reachesTheAgentOverTls_onExactlyTheConfiguredAddress() {
        start(agentCert);

        try (GrpcAgentGateway gw = GrpcAgentGateway.overTls(Optional.of(ca.caCert), () -> "t", Duration.ofSeconds(10))) {
            assertThat(gw.nodeStatus(node())).isEqualTo(useCases.node);
        }
        assertThat(server.listenAddresses()).singleElement()
                .isEqualTo(new InetSocketAddress("127.0.0.1", server.port()));
    }

    @Test
    void loopbackHealthEndpoint_answersWithoutAToken_servesOnlyHealth_andFollowsTheAgentsState() throws Exception {
        server = AgentServer.start(AgentServer.Config.of("127.0.0.1", 0, agentCert.cert(), agentCert.key()),
                new AgentGrpcService(useCases, useCases, useCases),
                new AuthInterceptor(header -> new net.metacircular.mcp.port.in.AuthorizeUseCase.AuthDecision.Unauthenticated("-", "no"),
                        InstantSource.system()));
        int port = server.openLoopbackHealth(0);
        io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var health = io.grpc.health.v1.HealthGrpc.newBlockingStub(ch).withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(health.check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            server.serving(false);
            assertThat(health.check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus())
                    .isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
            // Nothing but health is served there: the agent's RPCs need TLS and a token on the main listener.
            assertThatThrownBy(() -> net.metacircular.mcp.proto.v1.McpAgentGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .listServices(net.metacircular.mcp.proto.v1.ListServicesRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(io.grpc.StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNIMPLEMENTED));
        } finally {
            ch.shutdownNow();
        }
    }

    @Test
    void clientLimitedToTls12_cannotConnect_whileTls13Can() throws Exception {
        start(agentCert);

        assertThatThrownBy(() -> handshake("TLSv1.2")).isInstanceOf(SSLException.class);
        assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
    }

    private String handshake(String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(ca.caCert)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ctx.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            SSLParameters p = s.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            p.setApplicationProtocols(new String[] {"h2"});
            p.setServerNames(List.of(new SNIHostName("agent")));
            s.setSSLParameters(p);
            s.setSoTimeout(10_000);
            s.startHandshake();
            return s.getSession().getProtocol();
        }
    }

    @Test
    void gateway_refusesAnAgentWhoseCertificateIsNotSignedByTheConfiguredCa() {
        start(otherCaCert);

        try (GrpcAgentGateway gw = GrpcAgentGateway.overTls(Optional.of(ca.caCert), () -> "t", Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> gw.nodeStatus(node()))
                    .isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("failed the TLS check")
                    .hasMessageContaining("certification path");
        }
        assertThat(useCasesCalled()).isFalse();
    }

    @Test
    void gateway_refusesAnAgentWhoseCertificateNamesAnotherHost() {
        start(wrongNameCert);

        try (GrpcAgentGateway gw = GrpcAgentGateway.overTls(Optional.of(ca.caCert), () -> "t", Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> gw.nodeStatus(node()))
                    .isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("failed the TLS check")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void gateway_neverSendsTheTokenOverAChannelWithoutTls() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        AuthorizeUseCase recording = header -> {
            seen.add(String.valueOf(header));
            return new AuthorizeUseCase.AuthDecision.Allowed("alice");
        };
        server = AgentServer.start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)),
                new AgentGrpcService(useCases, useCases, useCases), new AuthInterceptor(recording, InstantSource.system()));
        try (GrpcAgentGateway gw = new GrpcAgentGateway(a -> NettyChannelBuilder.forTarget(a).usePlaintext().build(),
                () -> "secret-token", Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> gw.nodeStatus(node())).isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("without TLS");
        }
        assertThat(seen).noneMatch(h -> h.contains("secret-token"));
    }

    @Test
    void keyReadableByOthers_refusesToStart_namingTheFile() throws Exception {
        Path loose = dir.resolve("loose.key");
        Files.copy(agentCert.key(), loose);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(agentCert.cert(), loose))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(loose.toString())
                .hasMessageContaining("group or others");
        server = null;
    }

    @Test
    void missingCertificate_refusesToStart_namingTheFile() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> start(missing, agentCert.key()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString());
        server = null;
    }

    @Test
    void keyNotInPkcs8_refusesToStart_sayingHowToConvert() throws Exception {
        Path traditional = ca.traditionalKey(agentCert);

        assertThatThrownBy(() -> start(agentCert.cert(), traditional))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(traditional.toString())
                .hasMessageContaining("PKCS#8");
        server = null;
    }

    @Test
    void shutdown_stopsAcceptingCalls() {
        start(agentCert);
        Node n = node();
        server.shutdown(Duration.ofSeconds(1));

        try (GrpcAgentGateway gw = GrpcAgentGateway.overTls(Optional.of(ca.caCert), () -> "t", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> gw.nodeStatus(n)).isInstanceOf(AgentUnavailableException.class)
                    .hasMessageContaining("is mcp-agent running?");
        }
        server = null;
    }

    private boolean useCasesCalled() {
        return !useCases.statusCalls.isEmpty() || !useCases.deploys.isEmpty();
    }
}
