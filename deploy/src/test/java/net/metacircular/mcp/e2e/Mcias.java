package net.metacircular.mcp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The development MCIAS server from dist/dev, run as its own process over HTTPS, plus a client for its dev endpoints. */
final class Mcias implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    final int port;
    private final HttpClient http;

    private Mcias(Process process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    static Mcias start(Pki pki, Path dir) throws Exception {
        Pki.Server cert = pki.server("mcias", "127.0.0.1", "localhost");
        Path portFile = dir.resolve("mcias.port");
        Files.deleteIfExists(portFile);
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-cp", Testbed.DIST.resolve("dev/mcp-testbed.jar").toString(),
                "net.metacircular.mcp.testbed.DevMcias", "--listen", "127.0.0.1:0", "--cert", cert.cert().toString(),
                "--key", cert.key().toString(), "--account", "admin:admin-password:admin",
                "--account", "viewer:viewer-password:viewer", "--port-file", portFile.toString()));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("mcias.log").toFile());
        Process p = pb.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(portFile) && !Files.readString(portFile).isBlank())) {
            if (!p.isAlive() || System.nanoTime() > until) {
                p.destroyForcibly();
                throw new AssertionError("dev MCIAS did not start: " + Files.readString(dir.resolve("mcias.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readString(portFile).strip());
        return new Mcias(p, port, HttpClient.newBuilder().sslContext(trusting(pki.caCert)).connectTimeout(Duration.ofSeconds(5)).build());
    }

    String url() {
        return "https://127.0.0.1:" + port;
    }

    /** A token for {@code username} with {@code roles}, valid for {@code ttlSeconds} (negative: already expired). */
    String issue(String username, List<String> roles, long ttlSeconds) throws Exception {
        return post("/v1/dev/issue", Map.of("username", username, "roles", roles, "ttl_seconds", ttlSeconds)).get("token").asText();
    }

    void revoke(String token) throws Exception {
        post("/v1/dev/revoke", Map.of("token", token));
    }

    /** Makes every token validation answer only after {@code millis}. */
    void delayValidation(long millis) throws Exception {
        post("/v1/dev/delay", Map.of("millis", millis));
    }

    private JsonNode post(String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("dev MCIAS " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caPem))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
