package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The design's bootstrap of a node that already runs containers, end to end on real podman: the operator renames
 * an old-style container to the convention, then {@code mcp sync} → {@code mcp adopt} → {@code mcp service
 * export} → {@code mcp deploy}, and no container is restarted; the exported files are valid definitions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOP = "trap 'exit 0' TERM; while :; do sleep 1; done";
    private static final List<String> CONTAINERS = List.of("bsvault", "bsvault-api", "bsvault-web", "bsproxy");
    private Mcias mcias;
    private AgentNode node;
    private Operator op;

    @BeforeAll
    void start() throws Exception {
        remove();
        Path work = Files.createTempDirectory("mcp-bootstrap-");
        Pki pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        node = new AgentNode("bsnode", work.resolve("node"), pki, mcias, "podman").start();
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
        remove();
    }

    private static void remove() {
        CONTAINERS.forEach(c -> Operator.podman("rm", "-f", "--ignore", "--time=0", c));
    }

    private static String idAndStart(String container) throws Exception {
        JsonNode c = JSON.readTree(Operator.podman("container", "inspect", container).assertOk().out()).get(0);
        return c.get("Id").asText() + " " + c.at("/State/StartedAt").asText();
    }

    @Test
    void handStartedNode_syncAdoptExportDeploy_restartsNothing_andTheExportedFilesAreValidDefinitions() throws Exception {
        // A node as found: the vault's API still runs under its old name, its web UI and a proxy by convention.
        Operator.podman("run", "-d", "--name=bsvault", "--restart=unless-stopped", "--env=VAULT_MODE=-sealed",
                Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=bsvault-web", "--publish=127.0.0.1:" + AgentNode.freePort() + ":8080",
                Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=bsproxy", Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        // The design's step before adoption: rename to <service>-<component> (podman keeps the container running).
        String vaultBefore = idAndStart("bsvault");
        Operator.podman("rename", "bsvault", "bsvault-api").assertOk();
        assertThat(idAndStart("bsvault-api")).isEqualTo(vaultBefore);
        Map<String, String> before = new HashMap<>();
        for (String c : List.of("bsvault-api", "bsvault-web", "bsproxy")) {
            before.put(c, idAndStart(c));
        }

        op.mcp("sync").assertOk();
        op.mcp("adopt", "bsvault").assertOk();
        op.mcp("adopt", "bsproxy").assertOk();
        op.mcp("service", "export", "bsvault").assertOk();
        op.mcp("service", "export", "bsproxy").assertOk();
        Proc.Result vault = op.mcp("deploy", "bsvault").assertOk();
        Proc.Result proxy = op.mcp("deploy", "bsproxy").assertOk();

        assertThat(vault.out() + proxy.out()).contains("unchanged").doesNotContain("replaced").doesNotContain("created");
        for (var e : before.entrySet()) {
            assertThat(idAndStart(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // The exported files are definitions the CLI reads back: deploying from them with -f is again a no-op.
        for (String s : List.of("bsvault", "bsproxy")) {
            Path file = op.services.resolve(s + ".toml");
            String text = Files.readString(file);
            assertThat(text).contains("name = \"" + s + "\"").contains("node = \"bsnode\"").contains("[[components]]");
            assertThat(op.mcp("deploy", s, "-f", file.toString()).assertOk().out()).doesNotContain("replaced");
        }
        assertThat(Files.readString(op.services.resolve("bsvault.toml")))
                .contains("name = \"api\"").contains("name = \"web\"").contains("VAULT_MODE=-sealed");
    }
}
