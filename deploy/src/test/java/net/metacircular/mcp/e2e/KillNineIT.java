package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import net.metacircular.mcp.proto.v1.ComponentInfo;
import net.metacircular.mcp.proto.v1.ComponentSpec;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.LiveCheckRequest;
import net.metacircular.mcp.proto.v1.ServiceInfo;
import net.metacircular.mcp.proto.v1.ServiceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Crash safety: the real agent is killed with SIGKILL at random points of a deploy, over and over, and after each
 * kill the registry opens (the agent starts and answers), SQLite's integrity check passes, {@code schema_migrations}
 * is complete, and after the restart the registry's observed states converge to what the runtime shows.
 *
 * <p>Two runtimes, because they prove different things. The <b>fake</b> runtime (50 kills, the
 * {@code mcp.kill.iterations} property raises it for a soak) is fast enough for many kills; its containers live in
 * the killed agent's memory, so convergence means every component is recorded {@code removed}. Real <b>podman</b>
 * (3 kills, {@code mcp.kill.podmanIterations}) is slower but stronger: containers outlive the agent, and a podman
 * call the agent had started finishes as an orphan, so convergence means the registry agrees with
 * {@code podman inspect} container by container.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillNineIT {
    private static final System.Logger LOG = System.getLogger(KillNineIT.class.getName());
    private static final int FAKE_KILLS = Integer.getInteger("mcp.kill.iterations", 50);
    private static final int PODMAN_KILLS = Integer.getInteger("mcp.kill.podmanIterations", 3);
    private static final int FAKE_COMPONENTS = 6;
    private static final String FAKE_V1 = "kill.example/app:v1";
    private static final String FAKE_V2 = "kill.example/app:v2";
    private static final List<String> PODMAN_CONTAINERS = List.of("kil-p-api", "kil-p-web");
    private final long seed = Long.getLong("mcp.kill.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private Path work;
    private Pki pki;
    private Mcias mcias;
    private String token;

    @BeforeAll
    void start() throws Exception {
        removePodmanContainers();
        work = Files.createTempDirectory("mcp-kill9-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stop() {
        if (mcias != null) {
            mcias.close();
        }
        removePodmanContainers();
    }

    private static void removePodmanContainers() {
        Operator.removeContainers(PODMAN_CONTAINERS);
    }

    @Test
    void fakeRuntime_fiftyKillsAtRandomPointsOfADeploy_registryAlwaysOpensIntact_andStatesConvergeToRemoved() throws Exception {
        Path scenario = work.resolve("images.txt");
        Files.writeString(scenario, "image " + FAKE_V1 + "\nimage " + FAKE_V2 + "\n");
        AgentNode node = new AgentNode("killfake", work.resolve("killfake"), pki, mcias, "fake")
                .withAgentKeys("fake_scenario = \"" + scenario + "\"")
                // C1 only: 51 short-lived JVMs start faster without C2 competing for two cores (the launcher's knob).
                .withEnv("MCP_AGENT_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        Map<String, Integer> phases = new TreeMap<>();
        long t0 = System.nanoTime();
        try (node) {
            long deployNanos = 0;
            for (int i = 0; i <= FAKE_KILLS; i++) {
                node.start();
                try (AgentClient client = new AgentClient(node, pki, token)) {
                    // Converged: the fake's containers died with the previous agent, so nothing may still be running.
                    for (ServiceInfo s : client.stub(30).liveCheck(LiveCheckRequest.getDefaultInstance()).getServicesList()) {
                        assertThat(s.getComponentsList()).as("iteration %d, service %s", i, s.getName())
                                .allSatisfy(c -> assertThat(c.getObservedState()).isEqualTo("removed"));
                    }
                    DeployRequest deploy = DeployRequest.newBuilder().setService(fakeSpec(i)).build();
                    if (i == 0) {
                        // The first deploy runs to its end: it measures how long a deploy takes in a fresh agent.
                        long d0 = System.nanoTime();
                        assertThat(client.stub(30).deploy(deploy).getResultsList()).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
                        deployNanos = System.nanoTime() - d0;
                        node.kill9();
                        continue;
                    }
                    CompletableFuture<?> call = CompletableFuture.runAsync(() -> client.stub(30).deploy(deploy));
                    Thread.sleep(Duration.ofNanos((long) (random.nextDouble() * deployNanos)));
                    node.kill9();
                    call.handle((r, e) -> null).join();
                }
                String phase = checkAfterKill(node.dir.resolve("mcp.db"), i);
                phases.merge(phase, 1, Integer::sum);
                // The window follows the machine's speed: narrower after a kill that came too late, wider after one
                // that came before the deploy began.
                deployNanos = switch (phase) {
                    case "3-after" -> deployNanos * 4 / 5;
                    case "1-before" -> deployNanos * 5 / 4;
                    default -> deployNanos;
                };
            }
            node.start();
            node.kill9();
            LOG.log(System.Logger.Level.INFO, "kill -9 (fake): {0} kills in {1} s; kill window at the end {2} ms; kills by phase: {3}; seed {4}",
                    FAKE_KILLS, (System.nanoTime() - t0) / 1_000_000_000, deployNanos / 1_000_000, phases, String.valueOf(seed));
        }
        // The random points must actually fall inside deploys, or the loop proves nothing about them.
        assertThat(phases.getOrDefault("2-mid", 0)).as("kills that landed mid-deploy " + phases).isPositive();
    }

    private static ServiceSpec fakeSpec(int iteration) {
        ServiceSpec.Builder b = ServiceSpec.newBuilder().setName("kil-f").setActive(true);
        for (int c = 0; c < FAKE_COMPONENTS; c++) {
            b.addComponents(ComponentSpec.newBuilder().setName("c" + c).setImage(iteration % 2 == 0 ? FAKE_V1 : FAKE_V2)
                    .setRestart("no").addEnv("ITER=" + iteration));
        }
        return b.build();
    }

    /**
     * With the agent dead, opens its file as SQLite would after a crash: integrity and foreign keys hold, every
     * migration is recorded, and the deploy is either not recorded, recorded with some components done, or done.
     */
    private static String checkAfterKill(Path db, int iteration) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("PRAGMA integrity_check")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("integrity after kill %d", iteration).isEqualTo("ok");
            }
            try (ResultSet r = st.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(r.next()).as("foreign keys after kill %d", iteration).isFalse();
            }
            List<Integer> versions = new ArrayList<>();
            try (ResultSet r = st.executeQuery("SELECT version FROM schema_migrations ORDER BY version")) {
                while (r.next()) {
                    versions.add(r.getInt(1));
                }
            }
            assertThat(versions).as("schema_migrations after kill %d", iteration).isNotEmpty();
            for (int v = 0; v < versions.size(); v++) {
                assertThat(versions.get(v)).isEqualTo(v + 1);
            }
            String image = iteration % 2 == 0 ? FAKE_V1 : FAKE_V2;
            int recorded = 0;
            int running = 0;
            try (ResultSet r = st.executeQuery("SELECT image, observed_state FROM components WHERE service = 'kil-f'")) {
                while (r.next()) {
                    if (r.getString(1).equals(image)) {
                        recorded++;
                        running += r.getString(2).equals("running") ? 1 : 0;
                    }
                }
            }
            // One transaction records every component's spec: all or none, never some.
            assertThat(recorded).as("components recorded with this kill's spec").isIn(0, FAKE_COMPONENTS);
            return recorded == 0 ? "1-before" : running < FAKE_COMPONENTS ? "2-mid" : "3-after";
        }
    }

    @Test
    void podman_killsMidDeploy_registryAlwaysOpensIntact_andAfterRestartAgreesWithPodman() throws Exception {
        AgentNode node = new AgentNode("killpod", work.resolve("killpod"), pki, mcias, "podman");
        try (node) {
            long deployNanos = 0;
            for (int i = 0; i <= PODMAN_KILLS; i++) {
                node.start();
                try (AgentClient client = new AgentClient(node, pki, token)) {
                    assertConverged(client, i);
                    DeployRequest deploy = DeployRequest.newBuilder().setService(AgentClient.service("kil-p",
                            AgentClient.component("api", Testbed.imageV1(), List.of("ITER=" + i)),
                            AgentClient.component("web", Testbed.imageV2(), List.of("ITER=" + i)))).build();
                    if (i == 0) {
                        long d0 = System.nanoTime();
                        assertThat(client.stub(120).deploy(deploy).getResultsList()).allSatisfy(r -> assertThat(r.getSuccess()).isTrue());
                        deployNanos = System.nanoTime() - d0;
                        node.kill9();
                        continue;
                    }
                    CompletableFuture<?> call = CompletableFuture.runAsync(() -> client.stub(120).deploy(deploy));
                    Thread.sleep(Duration.ofNanos((long) (random.nextDouble() * deployNanos)));
                    node.kill9();
                    call.handle((r, e) -> null).join();
                }
                checkAfterKill(node.dir.resolve("mcp.db"), -1);
                // A podman call the agent had started goes on as an orphan; let it finish before comparing.
                awaitPodmanSettled();
            }
            node.start();
            try (AgentClient client = new AgentClient(node, pki, token)) {
                assertConverged(client, PODMAN_KILLS + 1);
            }
        }
    }

    /** Waits until no podman process works on this test's containers (bounded). */
    private static void awaitPodmanSettled() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            // podman itself, not conmon (whose arguments name the container and podman too, for as long as it runs)
            boolean busy = ProcessHandle.allProcesses().anyMatch(p -> p.info().command().map(c -> c.endsWith("/podman")).orElse(false)
                    && p.info().commandLine().map(cl -> PODMAN_CONTAINERS.stream().anyMatch(cl::contains)).orElse(false));
            if (!busy) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** After a live check, every component's observed state and container ID are podman's. */
    private static void assertConverged(AgentClient client, int iteration) {
        List<ServiceInfo> live = client.stub(60).liveCheck(LiveCheckRequest.getDefaultInstance()).getServicesList();
        List<ServiceInfo> listed = client.stub(60).listServices(ListServicesRequest.getDefaultInstance()).getServicesList();
        for (List<ServiceInfo> view : List.of(live, listed)) {
            for (ServiceInfo s : view) {
                if (!s.getName().equals("kil-p")) {
                    continue;
                }
                for (ComponentInfo c : s.getComponentsList()) {
                    String container = "kil-p-" + c.getName();
                    Proc.Result r = Operator.podman("container", "inspect", "--format", "{{.State.Status}} {{.Id}}", container);
                    String expected = r.exit() != 0 ? "removed" : Testbed.observed(r.out().strip().split(" ")[0]);
                    assertThat(c.getObservedState()).as("iteration %d: %s", iteration, container).isEqualTo(expected);
                    if (r.exit() == 0) {
                        assertThat(c.getContainerId()).as("iteration %d: id of %s", iteration, container)
                                .isEqualTo(r.out().strip().split(" ")[1]);
                    }
                }
            }
        }
    }

}
