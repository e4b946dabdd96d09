package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator's service commands end to end on real podman: sync discovers hand-started containers, adopt groups
 * them by prefix, export and deploy round-trip without restarting anything, stop and start edit only the
 * {@code active} line of a commented file, edit refuses an invalid file, and ps survives a dead node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The issue names these containers, so they cannot carry a prefix; leftovers are removed before and after. */
    private static final List<String> HAND_STARTED = List.of("mc-proxy", "mc-web", "metacrypt-api", "metacrypt-web", "scratchpad");
    private static final List<String> OURS = List.of("oclife-app", "ocvade-web");
    private static final String LOOP = "trap 'exit 0' TERM; while :; do sleep 1; done";
    private Path work;
    private Pki pki;
    private Mcias mcias;
    private AgentNode rift;
    private AgentNode vade;
    private Operator op;

    @BeforeAll
    void start() throws Exception {
        removeContainers();
        work = Files.createTempDirectory("mcp-opcmds-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        rift = new AgentNode("rift", work.resolve("rift"), pki, mcias, "podman").start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(rift));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stop() throws Exception {
        for (AgentNode n : new AgentNode[] {rift, vade}) {
            if (n != null) {
                n.close();
            }
        }
        if (mcias != null) {
            mcias.close();
        }
        removeContainers();
    }

    private static void removeContainers() {
        List<String> all = new ArrayList<>(HAND_STARTED);
        all.addAll(OURS);
        for (String c : all) {
            Operator.podman("rm", "-f", "--ignore", "--time=0", c);
        }
    }

    private static JsonNode inspect(String container) throws Exception {
        return JSON.readTree(Operator.podman("container", "inspect", container).assertOk().out()).get(0);
    }

    private static List<JsonNode> rows(Proc.Result r, String field, String value) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.out()).get("components").forEach(row -> {
            if (row.get(field).asText().equals(value)) {
                out.add(row);
            }
        });
        return out;
    }

    @Test
    @Order(1)
    void syncWithNoDefinitionFiles_recordsHandStartedContainersAsIgnore_andStopsNone() throws Exception {
        Path data = Files.createDirectories(work.resolve("metacrypt-data"));
        int port = AgentNode.freePort();
        Operator.podman("run", "-d", "--name=mc-proxy", "--publish=127.0.0.1:" + port + ":8080", "--env=MODE=-proxy",
                Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=mc-web", Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=metacrypt-api", "--volume=" + data + ":/srv/metacrypt:ro",
                "--restart=unless-stopped", "--user=0:0", Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=metacrypt-web", "--env=B=2", "--env=A=1", Testbed.imageV1(), "sh", "-c", LOOP).assertOk();
        Operator.podman("run", "-d", "--name=scratchpad", Testbed.imageV1(), "sh", "-c", LOOP).assertOk();

        Proc.Result sync = op.mcp("sync").assertOk();

        Proc.Result list = op.mcp("list", "--json").assertOk();
        for (String c : HAND_STARTED) {
            assertThat(sync.out()).contains("rift/" + c + ": ");
            assertThat(rows(list, "service", c)).as(c).singleElement().satisfies(row -> {
                assertThat(row.get("component").asText()).isEqualTo(c);
                assertThat(row.get("desired_state").asText()).isEqualTo("ignore");
            });
            assertThat(inspect(c).at("/State/Status").asText()).as(c).isEqualTo("running");
        }
    }

    @Test
    @Order(2)
    void adoptByPrefix_givesTheExpectedComponents_andALongerPrefixKeepsItsContainer() throws Exception {
        op.mcp("adopt", "mc-proxy").assertOk();
        Proc.Result mc = op.mcp("adopt", "mc").assertOk();
        op.mcp("adopt", "metacrypt").assertOk();

        assertThat(mc.out()).contains("mc-web -> mc/web: adopted").contains("mc-proxy -> mc/proxy: left alone");
        Proc.Result list = op.mcp("list", "--json").assertOk();
        assertThat(rows(list, "service", "mc-proxy")).extracting(r -> r.get("component").asText()).containsExactly("mc-proxy");
        assertThat(rows(list, "service", "mc")).extracting(r -> r.get("component").asText()).containsExactly("web");
        assertThat(rows(list, "service", "metacrypt")).extracting(r -> r.get("component").asText())
                .containsExactlyInAnyOrder("api", "web");
        for (String s : List.of("mc-proxy", "mc", "metacrypt")) {
            assertThat(rows(list, "service", s)).allSatisfy(r -> assertThat(r.get("desired_state").asText()).isEqualTo("running"));
        }
        assertThat(rows(list, "service", "scratchpad")).singleElement()
                .satisfies(r -> assertThat(r.get("desired_state").asText()).isEqualTo("ignore"));
    }

    @Test
    @Order(3)
    void exportThenDeployOfEachAdoptedService_restartsNoContainer() throws Exception {
        Map<String, String> before = new HashMap<>();
        for (String c : HAND_STARTED) {
            JsonNode i = inspect(c);
            before.put(c, i.get("Id").asText() + " " + i.at("/State/StartedAt").asText());
        }

        for (String s : List.of("mc-proxy", "mc", "metacrypt")) {
            op.mcp("service", "export", s).assertOk();
            assertThat(op.services.resolve(s + ".toml")).exists();
            Proc.Result deploy = op.mcp("deploy", s).assertOk();
            assertThat(deploy.out()).as(deploy.out()).doesNotContain("replaced").doesNotContain("created").contains("unchanged");
        }

        for (String c : HAND_STARTED) {
            JsonNode i = inspect(c);
            assertThat(i.get("Id").asText() + " " + i.at("/State/StartedAt").asText()).as(c).isEqualTo(before.get(c));
        }
        assertThat(Files.readString(op.services.resolve("metacrypt.toml")))
                .contains("user = \"0:0\"").contains("restart = \"unless-stopped\"").contains(":/srv/metacrypt:ro");
        assertThat(op.mcp("service", "show", "mc-proxy").assertOk().out())
                .isEqualTo(Files.readString(op.services.resolve("mc-proxy.toml")));
    }

    @Test
    @Order(4)
    void stopWritesActiveFalseKeepingEveryOtherByte_andStartRestoresTheFile() throws Exception {
        String original = """
                # oclife: a service whose file the operator annotated
                name = "oclife"   # the name
                node = "rift"
                active = true  # flip with mcp stop / mcp start

                # the only component
                [[components]]
                name = "app"
                image = "%s"
                cmd = ["sh", "-c", "%s"]
                """.formatted(Testbed.imageV1(), LOOP);
        Path file = op.writeService("oclife", original);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        op.mcp("deploy", "oclife").assertOk();

        Proc.Result stop = op.mcp("stop", "oclife").assertOk();

        assertThat(stop.out()).contains("oclife/app: stopped");
        assertThat(Files.readString(file)).isEqualTo(original.replace(
                "active = true  # flip with mcp stop / mcp start", "active = false  # flip with mcp stop / mcp start"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(inspect("oclife-app").at("/State/Running").asBoolean()).isFalse();
        assertThat(rows(op.mcp("list", "--json").assertOk(), "service", "oclife")).singleElement()
                .satisfies(r -> assertThat(r.get("desired_state").asText()).isEqualTo("stopped"));

        Proc.Result start = op.mcp("start", "oclife").assertOk();

        assertThat(start.out()).contains("oclife/app: started");
        assertThat(Files.readString(file)).isEqualTo(original);
        assertThat(inspect("oclife-app").at("/State/Running").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void serviceEditWithAnEditorThatWritesAnInvalidFile_savesNothingAndNamesTheProblem() throws Exception {
        Path file = op.services.resolve("metacrypt.toml");
        String before = Files.readString(file);
        Path editor = work.resolve("bad-editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                printf 'name = "metacrypt"\\nnode = "rift"\\n\\n[[components]]\\nname = "Bad Name"\\nimage = ""\\n' > "$1"
                """);
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        Proc.Result edit = op.mcpWith(Map.of("EDITOR", editor.toString()), "service", "edit", "metacrypt");

        assertThat(edit.exit()).as(edit.err()).isEqualTo(1);
        assertThat(edit.err()).contains("components[0].name").contains("components[0].image")
                .contains("nothing was saved; your text is kept in ");
        assertThat(Files.readString(file)).isEqualTo(before);
        String kept = edit.err().substring(edit.err().indexOf("kept in ") + "kept in ".length()).split(" ")[0];
        assertThat(Files.readString(Path.of(kept))).contains("Bad Name");
        Files.deleteIfExists(Path.of(kept));
    }

    @Test
    @Order(6)
    void psWithOneOfTwoNodesDown_listsTheLiveNode_reportsTheDeadOneInErrors_andExitsPartial() throws Exception {
        vade = new AgentNode("vade", work.resolve("vade"), pki, mcias, "podman").start();
        Operator two = new Operator(work.resolve("operator2"), pki, mcias, List.of(rift, vade));
        two.token = op.token;
        two.writeService("ocvade", """
                name = "ocvade"
                node = "vade"

                [[components]]
                name = "web"
                image = "%s"
                cmd = ["sh", "-c", "%s"]
                """.formatted(Testbed.imageV1(), LOOP));
        two.mcp("deploy", "ocvade").assertOk();
        assertThat(vade.stop()).isZero();

        Proc.Result ps = two.mcp("ps", "--json");

        assertThat(ps.exit()).as(ps.err()).isEqualTo(3);
        JsonNode root = JSON.readTree(ps.out());
        assertThat(rows(ps, "service", "oclife")).singleElement()
                .satisfies(r -> assertThat(r.get("node").asText()).isEqualTo("rift"));
        List<String> nodes = new ArrayList<>();
        root.get("components").forEach(r -> nodes.add(r.get("node").asText()));
        assertThat(nodes).isNotEmpty().containsOnly("rift");
        assertThat(root.get("errors")).singleElement().satisfies(e -> assertThat(e.get("node").asText()).isEqualTo("vade"));
        Proc.Result text = two.mcp("ps");
        assertThat(text.exit()).isEqualTo(3);
        assertThat(text.err()).contains("vade");
    }
}
