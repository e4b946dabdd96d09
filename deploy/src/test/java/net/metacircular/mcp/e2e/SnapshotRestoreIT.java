package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The registry's snapshot and the RUNBOOK's restore procedure end to end: {@code mcp-agent snapshot} taken while a
 * deploy writes, then the agent stopped, the database replaced by the snapshot as the RUNBOOK says, and the agent
 * started again with the snapshot's state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotRestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTAINERS = List.of("snp-a-api", "snp-b-api", "snp-c-api");
    private Path work;
    private Mcias mcias;
    private AgentNode node;
    private Operator op;

    @BeforeAll
    void startNode() throws Exception {
        removeContainers();
        work = Files.createTempDirectory("mcp-snapshot-");
        Pki pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        node = new AgentNode("snapnode", work.resolve("snapnode"), pki, mcias, "podman").start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(node));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mcias != null) {
            mcias.close();
        }
        removeContainers();
    }

    private static void removeContainers() {
        Operator.removeContainers(CONTAINERS);
    }

    private void define(String service) throws Exception {
        op.writeService(service, """
                name = "%s"
                node = "snapnode"

                [[components]]
                name = "api"
                image = "%s"
                cmd = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
                """.formatted(service, Testbed.imageV1()));
    }

    private List<String> services() throws Exception {
        JsonNode rows = JSON.readTree(op.mcp("list", "--json").assertOk().out()).get("components");
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get("service").asText() + "/" + r.get("component").asText() + "="
                + r.get("desired_state").asText()));
        return out;
    }

    private Proc.Result snapshot() {
        return Proc.run(Map.of("JAVA_HOME", System.getProperty("java.home")), Duration.ofSeconds(60), work,
                List.of(Testbed.launcher("mcp-agent").toString(), "snapshot", "--config", node.config.toString()));
    }

    @Test
    void snapshotTakenWhileADeployRuns_isRestoredByTheRunbookProcedure_andTheAgentComesBackWithItsState() throws Exception {
        define("snp-a");
        op.mcp("deploy", "snp-a").assertOk();
        define("snp-b");
        define("snp-c");

        CompletableFuture<Proc.Result> deploying = CompletableFuture.supplyAsync(() -> op.mcp("deploy", "snp-b"));
        snapshot().assertOk();
        deploying.join().assertOk();
        op.mcp("deploy", "snp-c").assertOk();
        Path backups = node.dir.resolve("backups");
        List<Path> snaps;
        try (Stream<Path> files = Files.list(backups)) {
            snaps = files.filter(p -> p.getFileName().toString().matches("mcp-.*\\.db")).toList();
        }
        assertThat(snaps).hasSize(1);
        Path snap = snaps.getFirst();
        assertThat(Files.getPosixFilePermissions(snap)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // The RUNBOOK's restore: stop the agent, move mcp.db and its -wal/-shm aside, copy the snapshot in as
        // mcp.db with mode 0600, start the agent.
        assertThat(node.stop()).isZero();
        Path aside = Files.createDirectories(work.resolve("aside"));
        for (String f : List.of("mcp.db", "mcp.db-wal", "mcp.db-shm")) {
            Path p = node.dir.resolve(f);
            if (Files.exists(p)) {
                Files.move(p, aside.resolve(f));
            }
        }
        Files.copy(snap, node.dir.resolve("mcp.db"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(node.dir.resolve("mcp.db"), PosixFilePermissions.fromString("rw-------"));
        node.start();

        List<String> restored = services();
        assertThat(restored).contains("snp-a/api=running").doesNotContain("snp-c/api=running");
        assertThat(JSON.readTree(op.mcp("ps", "--json").assertOk().out()).get("components"))
                .filteredOn(r -> r.get("service").asText().equals("snp-a"))
                .singleElement().satisfies(r -> assertThat(r.get("observed_state").asText()).isEqualTo("running"));
    }
}
