package net.metacircular.mcp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** A throw-away certificate authority made with openssl: a CA and server certificates for loopback names. */
public final class Pki {
    final Path dir;
    public final Path caCert;
    private final Path caKey;

    private Pki(Path dir) {
        this.dir = dir;
        this.caCert = dir.resolve("ca.pem");
        this.caKey = dir.resolve("ca.key");
    }

    public static Pki create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Pki pki = new Pki(dir);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pki.caKey.toString(), "-out", pki.caCert.toString(), "-days", "2",
                "-subj", "/CN=MCP test CA");
        return pki;
    }

    /** Issues a server certificate for {@code names} (DNS names or IP addresses); the key is PKCS#8 and 0600. */
    public Server server(String base, String... names) throws IOException {
        Path key = dir.resolve(base + ".key");
        Path csr = dir.resolve(base + ".csr");
        Path cert = dir.resolve(base + ".pem");
        Path ext = dir.resolve(base + ".ext");
        StringBuilder san = new StringBuilder("subjectAltName=");
        for (int i = 0; i < names.length; i++) {
            san.append(i == 0 ? "" : ",").append(names[i].matches("[0-9.]+|.*:.*") ? "IP:" : "DNS:").append(names[i]);
        }
        Files.writeString(ext, san + "\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + names[0]);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        Path pkcs8 = dir.resolve(base + ".pkcs8.key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", pkcs8.toString());
        Files.setPosixFilePermissions(pkcs8, PosixFilePermissions.fromString("rw-------"));
        return new Server(cert, pkcs8);
    }

    public record Server(Path cert, Path key) {
    }

    private static void openssl(String... args) {
        Proc.run(Map.of(), Duration.ofSeconds(30), null, Proc.argv("openssl", java.util.List.of(args))).assertOk();
    }
}
