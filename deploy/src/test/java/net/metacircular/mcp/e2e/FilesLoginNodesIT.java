package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 3, items 6–8 end to end: file push and pull confined to the service's directory on a real agent, login and
 * logout against the development MCIAS, and node list/add/remove editing mcp.toml in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FilesLoginNodesIT {
    private static final String SERVICE = "fl-files";
    private Path work;
    private Pki pki;
    private Mcias mcias;
    private AgentNode node;
    private Operator op;
    private Path srv;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("mcp-fl-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        node = new AgentNode("flnode", work.resolve("flnode"), pki, mcias, "podman").start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(node));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
        srv = node.dir.resolve("srv");
        // the definition names the node, so push and pull know where to go before any deploy
        op.writeService(SERVICE, """
                name = "%s"
                node = "flnode"

                [[components]]
                name = "app"
                image = "%s"
                """.formatted(SERVICE, Testbed.imageV1()));
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

    @Test
    @Order(1)
    void pushOfTraversalAbsoluteAndSymlinkedPaths_isRejectedAndWritesNothingAnywhere() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        Files.createDirectories(srv.resolve(SERVICE));
        Files.createSymbolicLink(srv.resolve(SERVICE).resolve("escape"), outside);
        Path local = Files.writeString(work.resolve("payload.txt"), "payload\n");
        String passwd = Files.readString(Path.of("/etc/passwd"));
        Map<String, String> before = tree(work);

        for (String path : List.of("../x", "/etc/passwd", "escape/x", "escape")) {
            Proc.Result r = op.mcp("push", local.toString(), SERVICE, path);
            assertThat(r.exit()).as("push to %s: %s", path, r.err()).isEqualTo(1);
            assertThat(r.err()).as(path).contains("path: ");
        }

        assertThat(tree(work)).isEqualTo(before);
        assertThat(Files.readString(Path.of("/etc/passwd"))).isEqualTo(passwd);
        assertThat(srv.resolve("x")).doesNotExist();
        assertThat(outside.resolve("x")).doesNotExist();
    }

    @Test
    @Order(2)
    void pushOfANestedCertsFile_createsTheDirectoryWithMode0600_andPullReturnsTheSameBytesAndMode() throws Exception {
        byte[] pem = "-----BEGIN CERTIFICATE-----\nMIIBfl\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);
        Path local = Files.write(work.resolve("a.pem"), pem);

        op.mcp("push", local.toString(), SERVICE, "certs/a.pem").assertOk();

        Path landed = srv.resolve(SERVICE).resolve("certs/a.pem");
        assertThat(Files.readAllBytes(landed)).isEqualTo(pem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(landed))).isEqualTo("rw-------");

        Path back = work.resolve("operator/pulled.pem");
        Proc.Result pulled = op.mcp("pull", SERVICE, "certs/a.pem", back.toString()).assertOk();
        assertThat(pulled.out()).contains("mode 0600");
        assertThat(Files.readAllBytes(back)).isEqualTo(pem);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back))).isEqualTo("rw-------");

        Proc.Result again = op.mcp("pull", SERVICE, "certs/a.pem", back.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("use --force");
    }

    @Test
    @Order(3)
    void loginStoresAn0600TokenThatWorksForPs_andLogoutRemovesIt() throws Exception {
        Path token = op.dir.resolve("token");
        Files.deleteIfExists(token);

        Proc.Result login = op.mcpNoTokenWithInput("admin-password\n", "login", "admin", "--password-stdin").assertOk();
        assertThat(login.err()).contains("logged in as admin");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");

        op.mcpNoTokenWithInput(null, "ps").assertOk();

        op.mcpNoTokenWithInput(null, "logout").assertOk();
        assertThat(token).doesNotExist();
        Proc.Result after = op.mcpNoTokenWithInput(null, "ps");
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")))
                .singleElement().asString().contains("not logged in").contains("mcp login");
    }

    @Test
    @Order(4)
    void aWrongPasswordStoresNothing_andAGroupReadableTokenIsRefused() throws Exception {
        Path token = op.dir.resolve("token");
        Files.deleteIfExists(token);

        Proc.Result wrong = op.mcpNoTokenWithInput("nope\n", "login", "admin", "--password-stdin");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("rejected");
        assertThat(token).doesNotExist();

        Files.writeString(token, mcias.issue("admin", List.of("admin"), 3600) + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        Proc.Result refused = op.mcpNoTokenWithInput(null, "ps");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("readable or writable by others");
        Files.delete(token);
    }

    @Test
    @Order(5)
    void aRejectedTokenGivesOneLineTellingTheOperatorToLogInAgain() throws Exception {
        String revoked = mcias.issue("admin", List.of("admin"), 3600);
        mcias.revoke(revoked);
        Path token = op.dir.resolve("token");
        Files.writeString(token, revoked + "\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));

        Proc.Result r = op.mcpNoTokenWithInput(null, "ps");

        assertThat(r.exit()).isNotZero();
        // the JVM's own start-up warnings (native access, Unsafe) are the launcher's business, not mcp's message
        assertThat(r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")))
                .singleElement().asString().contains("rejected the token").contains("mcp login");

        // a stored token known to have expired is caught before any node is asked
        Files.writeString(token, mcias.issue("admin", List.of("admin"), 3600) + "\nexpires_at=2020-01-01T00:00:00Z\n");
        Proc.Result expired = op.mcpNoTokenWithInput(null, "ps");
        assertThat(expired.exit()).isEqualTo(1);
        assertThat(expired.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")))
                .singleElement().asString().contains("expired at 2020-01-01T00:00:00Z").contains("mcp login");
        Files.delete(token);
    }

    @Test
    @Order(6)
    void systemAccountCredentialsLogInAutomatically() throws Exception {
        Path password = Files.writeString(op.dir.resolve("credentials"), "admin-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        Path token = op.dir.resolve("token");
        Files.deleteIfExists(token);
        String original = Files.readString(op.config);
        try {
            Files.writeString(op.config, original.replace("[auth]\n",
                    "[auth]\nusername = \"admin\"\npassword_file = \"" + password + "\"\n"));

            op.mcpNoTokenWithInput(null, "ps").assertOk();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        } finally {
            Files.writeString(op.config, original);
            Files.deleteIfExists(token);
        }
    }

    @Test
    @Order(7)
    void nodeAddListRemove_roundTripsAndKeepsComments() throws Exception {
        String original = "# the operator's own notes\n" + Files.readString(op.config).replace("[tls]",
                "# TLS for the agents\n[tls]");
        Files.writeString(op.config, original);

        op.mcp("node", "add", "flghost", "127.0.0.1:1").assertOk();
        assertThat(Files.readString(op.config)).contains("# the operator's own notes", "# TLS for the agents",
                "name = \"flghost\"");

        Proc.Result list = op.mcp("node", "list");
        assertThat(list.exit()).as(list.err()).isEqualTo(3);
        assertThat(list.out()).contains("flnode").contains(node.address()).contains("podman").contains("flghost")
                .contains("unreachable");
        assertThat(list.err()).contains("node flghost (127.0.0.1:1)");

        op.mcp("node", "remove", "flghost").assertOk();
        assertThat(Files.readString(op.config)).isEqualTo(original);
        op.mcp("node", "list").assertOk();
    }

    /** Every entry below {@code dir}, links not followed: type, mode and a hash of file content. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (key.endsWith(".log") || key.endsWith(".db") || key.endsWith(".db-wal") || key.endsWith(".db-shm")) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else {
                    out.put(key, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                            + java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }
}
