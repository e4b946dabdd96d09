package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The daemon's manners: SIGTERM during a deploy, and an upgrade (stop, replace the build, start) that restarts nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTAINERS = List.of("lcy-api", "lcy-web");
    private Path work;
    private Mcias mcias;
    private AgentNode node;
    private Operator op;

    @BeforeAll
    void start() throws Exception {
        CONTAINERS.forEach(c -> Operator.podman("rm", "-f", "--ignore", c));
        work = Files.createTempDirectory("mcp-lifecycle-");
        Pki pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        node = new AgentNode("lcy", work.resolve("node"), pki, mcias, "podman").start();
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
        CONTAINERS.forEach(c -> Operator.podman("rm", "-f", "--ignore", c));
    }

    private String service(String apiCmd) {
        return """
                name = "lcy"
                node = "lcy"

                [[components]]
                name = "api"
                image = "%s"
                cmd = %s

                [[components]]
                name = "web"
                image = "%s"
                cmd = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
                """.formatted(Testbed.imageV1(), apiCmd, Testbed.imageV1());
    }

    private static String idAndStart(String container) throws Exception {
        JsonNode c = JSON.readTree(Operator.podman("container", "inspect", container).assertOk().out()).get(0);
        return c.get("Id").asText() + " " + c.at("/State/StartedAt").asText();
    }

    @Test
    @Order(1)
    void sigtermDuringADeploy_finishesOrReportsTheDeploy_exitsZero_andLeavesAConsistentRegistry() throws Exception {
        // The api's first container ignores SIGTERM (sleep as PID 1), so replacing it keeps a deploy in flight for
        // seconds: long enough to stop the agent in the middle of it.
        op.writeService("lcy", service("[\"sleep\", \"100000\"]"));
        op.mcp("deploy", "lcy").assertOk();
        op.writeService("lcy", service("[\"sh\", \"-c\", \"trap 'exit 0' TERM; while :; do sleep 1; done\"]"));
        CompletableFuture<Proc.Result> deploy = CompletableFuture.supplyAsync(() -> op.mcp("deploy", "lcy/api", "--force"));
        // Pulling is quick; stopping the old api container then takes the stop grace: stop the agent meanwhile.
        Thread.sleep(3000);
        assertThat(deploy).isNotDone();

        long t0 = System.nanoTime();
        int exit = node.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(exit).isZero();
        assertThat(took).isLessThan(Duration.ofSeconds(45));
        Proc.Result r = deploy.get();
        assertThat(r.exit() == 0 ? r.out() : r.err()).as("the CLI heard how the deploy ended").isNotBlank();

        node.start();
        JsonNode rows = JSON.readTree(op.mcp("ps", "--json").assertOk().out()).get("components");
        for (JsonNode row : rows) {
            if (row.get("service").asText().equals("lcy")) {
                String container = "lcy-" + row.get("component").asText();
                boolean exists = Operator.podman("container", "exists", container).exit() == 0;
                String state = exists ? JSON.readTree(Operator.podman("container", "inspect", container).assertOk().out())
                        .get(0).at("/State/Status").asText() : "removed";
                String expected = state.equals("removed") ? "removed" : Testbed.observed(state);
                assertThat(row.get("observed_state").asText()).as(container).isEqualTo(expected);
            }
        }
    }

    @Test
    @Order(2)
    void replacingTheAgentsBuild_restartsNoContainer_andReportsTheSameStates() throws Exception {
        op.mcp("deploy", "lcy").assertOk();
        String api = idAndStart("lcy-api");
        String web = idAndStart("lcy-web");
        String before = op.mcp("list", "--json").assertOk().out();

        assertThat(node.stop()).isZero();
        // The "new build": a copy of the distribution somewhere else, started in place of the old one.
        Path newDist = work.resolve("dist-v2");
        Proc.run(java.util.Map.of(), Duration.ofMinutes(1), null, List.of("cp", "-a", Testbed.DIST.toString(), newDist.toString())).assertOk();
        node.start(newDist.resolve("bin/mcp-agent"));

        assertThat(idAndStart("lcy-api")).isEqualTo(api);
        assertThat(idAndStart("lcy-web")).isEqualTo(web);
        assertThat(op.mcp("list", "--json").assertOk().out()).isEqualTo(before);
    }
}
