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
public final class Mcias implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Process process;
    public final int port;
    private final HttpClient http;
    private List<String> argv;
    private Path dir;

    private Mcias(Process process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    /** Stops the server (SIGTERM, then SIGKILL); {@link #restart} brings it back on the same port. */
    void stop() {
        close();
    }

    /**
     * Starts the server again on the same port, as after an outage. It makes a new signing key, so tokens issued
     * before no longer validate: issue new ones.
     */
    void restart() throws Exception {
        List<String> again = new java.util.ArrayList<>(argv);
        again.set(again.indexOf("--listen") + 1, "127.0.0.1:" + port);
        Path portFile = Path.of(again.get(again.indexOf("--port-file") + 1));
        Files.deleteIfExists(portFile);
        ProcessBuilder pb = new ProcessBuilder(again);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mcias.log").toFile()));
        process = pb.start();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(portFile) && !Files.readString(portFile).isBlank())) {
            if (!process.isAlive() || System.nanoTime() > until) {
                process.destroyForcibly();
                throw new AssertionError("dev MCIAS did not restart on port " + port + ": " + Files.readString(dir.resolve("mcias.log")));
            }
            Thread.sleep(50);
        }
    }

    public static Mcias start(Pki pki, Path dir) throws Exception {
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
        Mcias m = new Mcias(p, port, HttpClient.newBuilder().sslContext(trusting(pki.caCert)).connectTimeout(Duration.ofSeconds(5)).build());
        m.argv = List.copyOf(pb.command());
        m.dir = dir;
        return m;
    }

    public String url() {
        return "https://127.0.0.1:" + port;
    }

    /** A token for {@code username} with {@code roles}, valid for {@code ttlSeconds} (negative: already expired). */
    public String issue(String username, List<String> roles, long ttlSeconds) throws Exception {
        return post("/v1/dev/issue", Map.of("username", username, "roles", roles, "ttl_seconds", ttlSeconds)).get("token").asText();
    }

    /** How many token validations the server has answered since it started. */
    public long validations() throws Exception {
        return post("/v1/dev/stats", Map.of()).get("validations").asLong();
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
