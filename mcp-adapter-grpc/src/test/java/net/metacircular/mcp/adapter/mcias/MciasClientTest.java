package net.metacircular.mcp.adapter.mcias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import net.metacircular.mcp.adapter.grpc.TestPki;
import net.metacircular.mcp.port.out.AuthUnavailableException;
import net.metacircular.mcp.port.out.TokenInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MciasClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static TestPki ca;
    static TestPki otherCa;
    static SSLContext serverTls;

    /** What the stub answers: a status, a body, and how long to wait first. */
    private record Reply(int status, String body, long delayMillis) {
    }

    private record Seen(String method, String path, String contentType, JsonNode body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile Reply reply = new Reply(200, "{}", 0);
    private HttpsServer stub;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestPki.create(dir, "mcias");
        otherCa = TestPki.create(dir, "elsewhere");
        serverTls = tls(ca.leaf("mcias", "IP:127.0.0.1"));
    }

    @AfterEach
    void stop() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    private MciasClient client(Duration timeout) throws IOException {
        return client(timeout, ca.caCert);
    }

    private MciasClient client(Duration timeout, Path trust) throws IOException {
        stub = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        stub.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        stub.createContext("/", this::handle);
        stub.start();
        return new MciasClient(URI.create("https://127.0.0.1:" + stub.getAddress().getPort()), Optional.of(trust), timeout);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Content-Type"), in.length == 0 ? null : JSON.readTree(in)));
            Reply r = reply;
            if (r.delayMillis() > 0) {
                try {
                    Thread.sleep(r.delayMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (IOException e) {
            // the client gave up (timeout tests); nothing to answer
        }
    }

    @Test
    void validToken_isReadWithSubjectUsernameRolesAndExpiry_fromAPostOfTheToken() throws Exception {
        reply = new Reply(200, """
                {"valid": true, "sub": "u-1", "username": "alice", "roles": ["admin", "ops"],
                 "expires_at": "2026-06-01T13:00:00+02:00"}""", 0);

        TokenInfo info = client(Duration.ofSeconds(5)).validate("tok.en");

        assertThat(info).isEqualTo(new TokenInfo(true, "u-1", "alice", Set.of("admin", "ops"),
                Instant.parse("2026-06-01T11:00:00Z")));
        assertThat(seen).singleElement().satisfies(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.path()).isEqualTo("/v1/token/validate");
            assertThat(s.contentType()).isEqualTo("application/json");
            assertThat(s.body().get("token").asText()).isEqualTo("tok.en");
        });
    }

    @Test
    void rejectedToken_isARejection_notAnError() throws Exception {
        reply = new Reply(200, "{\"valid\": false}", 0);

        assertThat(client(Duration.ofSeconds(5)).validate("x")).isEqualTo(TokenInfo.rejected());
    }

    @Test
    void serverError_failsClosed() throws Exception {
        reply = new Reply(500, "oops", 0);
        MciasClient c = client(Duration.ofSeconds(5));

        assertThatThrownBy(() -> c.validate("x")).isInstanceOf(AuthUnavailableException.class).hasMessageContaining("500");
    }

    @Test
    void garbageAnswers_failClosed() throws Exception {
        MciasClient c = client(Duration.ofSeconds(5));
        for (String body : List.of("not json", "[]", "{\"valid\": \"yes\"}", "{}",
                "{\"valid\": true, \"username\": \"a\", \"roles\": [\"admin\"]}",
                "{\"valid\": true, \"username\": \"a\", \"roles\": \"admin\", \"expires_at\": \"2026-06-01T13:00:00Z\"}")) {
            reply = new Reply(200, body, 0);

            assertThatThrownBy(() -> c.validate("x")).as(body).isInstanceOf(AuthUnavailableException.class);
        }
    }

    @Test
    void slowMcias_failsClosedWithinTheTimeout() throws Exception {
        reply = new Reply(200, "{\"valid\": false}", 3000);
        MciasClient c = client(Duration.ofMillis(300));

        long start = System.nanoTime();
        assertThatThrownBy(() -> c.validate("x")).isInstanceOf(AuthUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void unreachableMcias_failsClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        MciasClient c = new MciasClient(URI.create("https://127.0.0.1:" + port), Optional.of(ca.caCert), Duration.ofSeconds(2));

        assertThatThrownBy(() -> c.validate("x")).isInstanceOf(AuthUnavailableException.class)
                .hasMessageContaining("cannot reach MCIAS");
    }

    @Test
    void mciasWithACertificateFromAnotherCa_isRefused() throws Exception {
        reply = new Reply(200, "{\"valid\": true}", 0);
        MciasClient c = client(Duration.ofSeconds(5), otherCa.caCert);

        assertThatThrownBy(() -> c.validate("x")).isInstanceOf(AuthUnavailableException.class);
        assertThat(seen).isEmpty();
    }

    @Test
    void errorMessages_neverContainTheToken() throws Exception {
        MciasClient c = client(Duration.ofSeconds(5));
        for (Reply r : List.of(new Reply(500, "", 0), new Reply(200, "garbage", 0))) {
            reply = r;
            assertThatThrownBy(() -> c.validate("very-secret-token")).satisfies(e ->
                    assertThat(String.valueOf(e.getMessage())).doesNotContain("very-secret-token"));
        }
    }

    @Test
    void login_postsTheContract_andReturnsTokenAndExpiry() throws Exception {
        reply = new Reply(200, "{\"token\": \"new.tok.en\", \"expires_at\": \"2026-06-01T13:00:00Z\"}", 0);

        net.metacircular.mcp.port.out.IssuedToken r = client(Duration.ofSeconds(5)).login("alice", "pw", Optional.of("123456"), "mcp");

        assertThat(r.token()).isEqualTo("new.tok.en");
        assertThat(r.expiresAt()).contains(Instant.parse("2026-06-01T13:00:00Z"));
        assertThat(r.toString()).doesNotContain("new.tok.en");
        JsonNode body = seen.getFirst().body();
        assertThat(seen.getFirst().path()).isEqualTo("/v1/auth/login");
        assertThat(body.get("username").asText()).isEqualTo("alice");
        assertThat(body.get("password").asText()).isEqualTo("pw");
        assertThat(body.get("totp_code").asText()).isEqualTo("123456");
        assertThat(body.get("service_name").asText()).isEqualTo("mcp");
        assertThat(body.get("tags").isArray()).isTrue();
    }

    @Test
    void loginWithWrongPassword_saysTheCredentialsWereRejected() throws Exception {
        reply = new Reply(401, "{\"error\": \"invalid credentials\"}", 0);
        MciasClient c = client(Duration.ofSeconds(5));

        assertThatThrownBy(() -> c.login("alice", "wrong", Optional.empty(), "mcp"))
                .isInstanceOf(net.metacircular.mcp.port.out.LoginRejectedException.class)
                .isNotInstanceOf(net.metacircular.mcp.port.out.TotpRequiredException.class)
                .hasMessageContaining("username or password rejected")
                .hasMessageNotContaining("wrong");
    }

    @Test
    void loginRefusedForAMissingTotp_isTotpRequired() throws Exception {
        reply = new Reply(401, "{\"error\": \"totp required\"}", 0);
        MciasClient c = client(Duration.ofSeconds(5));

        assertThatThrownBy(() -> c.login("alice", "pw", Optional.empty(), "mcp"))
                .isInstanceOf(net.metacircular.mcp.port.out.TotpRequiredException.class)
                .hasMessageContaining("TOTP code");
    }

    @Test
    void loginRefusedWithANonJsonBody_isAPlainRejection() throws Exception {
        reply = new Reply(401, "<html>nope</html>", 0);
        MciasClient c = client(Duration.ofSeconds(5));

        assertThatThrownBy(() -> c.login("alice", "pw", Optional.empty(), "mcp"))
                .isInstanceOf(net.metacircular.mcp.port.out.LoginRejectedException.class)
                .isNotInstanceOf(net.metacircular.mcp.port.out.TotpRequiredException.class);
    }

    @Test
    void plainHttpUrl_isRefused() {
        assertThatThrownBy(() -> new MciasClient(URI.create("http://127.0.0.1:1"), Optional.empty(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    private static SSLContext tls(TestPki.Leaf leaf) throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(leaf.cert())) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(leaf.key()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key, "p".toCharArray(), new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "p".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
