package net.metacircular.mcp.adapter.grpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away certificate authority made with the openssl command, for tests that need real TLS. */
public final class TestPki {
    /** The CA's certificate. */
    public final Path caCert;
    private final Path caKey;
    private final Path dir;

    /** A leaf certificate and its PKCS#8 key (mode 0600). */
    public record Leaf(Path cert, Path key) {
    }

    private TestPki(Path dir, String name) throws IOException, InterruptedException {
        this.dir = dir;
        this.caCert = dir.resolve(name + "-ca.pem");
        this.caKey = dir.resolve(name + "-ca.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                caKey.toString(), "-out", caCert.toString(), "-days", "2", "-subj", "/CN=" + name + " test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    /** A new CA in {@code dir}; {@code name} keeps several CAs apart. */
    public static TestPki create(Path dir, String name) throws IOException, InterruptedException {
        return new TestPki(dir, name);
    }

    /** A server certificate for the given subject alternative names, e.g. {@code IP:127.0.0.1}, {@code DNS:x}. */
    public Leaf leaf(String base, String... sans) throws IOException, InterruptedException {
        Path key = dir.resolve(base + ".sec1.key");
        Path csr = dir.resolve(base + ".csr");
        Path cert = dir.resolve(base + ".pem");
        Path ext = dir.resolve(base + ".ext");
        Files.writeString(ext, "subjectAltName=" + String.join(",", sans) + "\nextendedKeyUsage=serverAuth\n"
                + "basicConstraints=CA:FALSE\n", StandardCharsets.US_ASCII);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + base);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        Path pkcs8 = dir.resolve(base + ".key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", pkcs8.toString());
        Files.setPosixFilePermissions(pkcs8, PosixFilePermissions.fromString("rw-------"));
        return new Leaf(cert, pkcs8);
    }

    /** The same key in the traditional (SEC1, not PKCS#8) PEM form, mode 0600. */
    public Path traditionalKey(Leaf leaf) throws IOException, InterruptedException {
        Path out = dir.resolve(leaf.key().getFileName() + ".traditional");
        openssl("ec", "-in", leaf.key().toString(), "-out", out.toString());
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
        return out;
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add("openssl");
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl timed out: " + argv);
        }
        if (p.exitValue() != 0) {
            throw new IOException("openssl failed: " + argv + "\n" + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
