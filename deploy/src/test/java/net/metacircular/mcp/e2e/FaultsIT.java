package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import net.metacircular.mcp.proto.v1.DeployRequest;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.LiveCheckRequest;
import net.metacircular.mcp.proto.v1.ServiceInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults the agent must survive, against the real agent: a podman call that hangs is killed at its deadline
 * ({@code [agent] runtime_timeout}), reported, and the monitor keeps running; MCIAS going away fails calls closed
 * and the agent recovers when it returns; a registry held by another connection (a snapshot, an operator's sqlite3)
 * delays RPCs by at most {@code busy_timeout} and fails them only beyond it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIT {
    private static final List<String> CONTAINERS = List.of("flt-h-api");
    private static final String FAKE_IMAGE = "faults.example/app:v1";
    private Path work;
    private Pki pki;
    private Mcias mcias;

    @BeforeAll
    void start() throws Exception {
        removeContainers();
        work = Files.createTempDirectory("mcp-faults-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
    }

    @AfterAll
    void stop() {
        if (mcias != null) {
            mcias.close();
        }
        removeContainers();
    }

    private static void removeContainers() {
        Operator.removeContainers(CONTAINERS);
    }

    private AgentNode fakeNode(String name) throws Exception {
        Path scenario = work.resolve(name + "-images.txt");
        Files.writeString(scenario, "image " + FAKE_IMAGE + "\n");
        return new AgentNode(name, work.resolve(name), pki, mcias, "fake").withAgentKeys("fake_scenario = \"" + scenario + "\"");
    }

    private static DeployRequest fakeDeploy(String service, String env) {
        return DeployRequest.newBuilder().setService(AgentClient.service(service,
                AgentClient.component("api", FAKE_IMAGE, List.of(env)))).build();
    }

    private static List<String> services(AgentClient client) {
        return client.stub(30).listServices(ListServicesRequest.getDefaultInstance()).getServicesList().stream()
                .map(ServiceInfo::getName).toList();
    }

    private static boolean alive(long pid) {
        return Proc.running(pid);
    }

    @Test
    void hangingPodmanCall_isKilledAtItsDeadline_reported_andTheMonitorKeepsRunning() throws Exception {
        Path hang = work.resolve("hang");
        Path pids = Files.createDirectories(work.resolve("hung-pids"));
        Path alerts = Files.createDirectories(work.resolve("hang-alerts"));
        Path wrapper = work.resolve("podman-hangs");
        // `podman ps` hangs (in a child, so killing the wrapper alone would leave it) while the flag file exists.
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ "$1" = "ps" ] && [ -e "%s" ]; then
                  sleep 600 &
                  echo $! > "%s/$!"
                  wait
                fi
                exec podman "$@"
                """.formatted(hang, pids));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        Path alertScript = work.resolve("alert.sh");
        Files.writeString(alertScript, "#!/bin/sh\nenv | grep '^MCP_' > \"$1/$(date +%s%N).env\"\n");
        Files.setPosixFilePermissions(alertScript, PosixFilePermissions.fromString("rwx------"));
        AgentNode node = new AgentNode("flthang", work.resolve("flthang"), pki, mcias, "podman")
                .withAgentKeys("podman_binary = \"%s\"\nruntime_timeout = \"2s\"".formatted(wrapper))
                .withMonitor("""
                        interval = "1s"
                        alert_command = ["%s", "%s"]
                        """.formatted(alertScript, alerts));
        try {
            try (node; AgentClient client = new AgentClient(node.start(), pki, mcias.issue("admin", List.of("admin"), 3600))) {
                DeployRequest deploy = DeployRequest.newBuilder().setService(AgentClient.service("flt-h",
                        AgentClient.component("api", Testbed.imageV1(), List.of()))).build();
                assertThat(client.stub(120).deploy(deploy).getResults(0).getSuccess()).isTrue();

                Files.writeString(hang, "");
                long t0 = System.nanoTime();
                List<ServiceInfo> during = client.stub(30).liveCheck(LiveCheckRequest.getDefaultInstance()).getServicesList();
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                Thread.sleep(3000);

                // The live check waited for one deadline (2 s, perhaps behind the monitor's own hung call), not 600 s.
                assertThat(took).isLessThan(Duration.ofSeconds(8));
                assertThat(during).filteredOn(s -> s.getName().equals("flt-h")).singleElement()
                        .satisfies(s -> assertThat(s.getComponents(0).getObservedState()).isEqualTo("unknown"));
                String log = node.logText();
                assertThat(log).contains("did not finish within 2000 ms and was killed")
                        .contains("the container runtime is unavailable");
                List<Long> hung = new ArrayList<>();
                try (var files = Files.list(pids)) {
                    files.forEach(f -> hung.add(Long.parseLong(f.getFileName().toString())));
                }
                assertThat(hung).as("hung podman calls").isNotEmpty();
                // Every hung call but perhaps the one now running was killed, its child included.
                assertThat(hung.stream().filter(FaultsIT::alive).count()).isLessThanOrEqualTo(1);

                Files.delete(hang);
                Thread.sleep(2500);
                Operator.podman("kill", "flt-h-api").assertOk();
                long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                List<String> types = List.of();
                while (System.nanoTime() < until && !types.contains("MCP_ALERT_TYPE=drift")) {
                    Thread.sleep(200);
                    try (var files = Files.list(alerts)) {
                        types = files.flatMap(f -> {
                            try {
                                return Files.readAllLines(f).stream();
                            } catch (java.io.IOException e) {
                                return java.util.stream.Stream.empty();
                            }
                        }).filter(l -> l.startsWith("MCP_ALERT_TYPE=")).toList();
                    }
                }
                assertThat(types).as("alerts: one for the outage, then the monitor still sees a crash")
                        .contains("MCP_ALERT_TYPE=runtime", "MCP_ALERT_TYPE=drift");
                assertThat(node.logText()).contains("the container runtime answers again");
                assertThat(hung.stream().filter(FaultsIT::alive).toList()).as("hung calls left running").isEmpty();
            }
        } finally {
            // On a failure above, the agent is killed by close() with a call perhaps still hanging: end it here,
            // so a failed run leaves no `sleep 600` behind.
            Files.deleteIfExists(hang);
            try (var files = Files.list(pids)) {
                files.map(f -> Long.parseLong(f.getFileName().toString())).flatMap(pid -> ProcessHandle.of(pid).stream())
                        .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                        .forEach(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void mciasGoingAwayMidRun_failsCallsClosed_changesNothing_andTheAgentRecoversWhenItReturns() throws Exception {
        AgentNode node = fakeNode("fltmcias");
        try (node; AgentClient client = new AgentClient(node.start(), pki, mcias.issue("admin", List.of("admin"), 3600))) {
            assertThat(client.stub(30).deploy(fakeDeploy("flt-m1", "A=1")).getResults(0).getSuccess()).isTrue();
            // Issued before the outage and never used, so no acceptance of it is cached.
            String unseen = mcias.issue("admin", List.of("admin"), 3600);

            mcias.stop();
            client.setToken(unseen);
            for (Runnable call : List.<Runnable>of(
                    () -> client.stub(30).listServices(ListServicesRequest.getDefaultInstance()),
                    () -> client.stub(30).deploy(fakeDeploy("flt-m2", "A=2")))) {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call::run);
                assertThat(e).as("a call while MCIAS is down").isNotNull();
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            }

            mcias.restart();
            client.setToken(mcias.issue("admin", List.of("admin"), 3600));
            assertThat(services(client)).containsExactly("flt-m1");
            assertThat(client.stub(30).deploy(fakeDeploy("flt-m3", "A=3")).getResults(0).getSuccess()).isTrue();
            assertThat(services(client)).containsExactlyInAnyOrder("flt-m1", "flt-m3");
        }
    }

    @Test
    void registryHeldByAnotherConnection_delaysRpcsWithinBusyTimeout_andFailsThemOnlyBeyondIt() throws Exception {
        AgentNode node = fakeNode("fltdb");
        try (node; AgentClient client = new AgentClient(node.start(), pki, mcias.issue("admin", List.of("admin"), 3600))) {
            assertThat(client.stub(30).deploy(fakeDeploy("flt-d0", "A=0")).getResults(0).getSuccess()).isTrue();
            Path db = node.dir.resolve("mcp.db");

            // A snapshot (`mcp-agent snapshot`, VACUUM INTO) taken while deploys and reads keep coming: none fails.
            AtomicInteger calls = new AtomicInteger();
            CompletableFuture<Proc.Result> snapshot = CompletableFuture.supplyAsync(() -> Proc.run(
                    Map.of("JAVA_HOME", System.getProperty("java.home")), Duration.ofSeconds(60), work,
                    List.of(Testbed.launcher("mcp-agent").toString(), "snapshot", "--config", node.config.toString())));
            while (!snapshot.isDone()) {
                int n = calls.incrementAndGet();
                assertThat(client.stub(30).deploy(fakeDeploy("flt-d0", "A=" + n)).getResults(0).getSuccess()).isTrue();
                services(client);
            }
            snapshot.join().assertOk();
            assertThat(calls.get()).as("deploys during the snapshot").isGreaterThan(1);

            // The write lock held by another process's connection for 2 s, under the agent's 5 s busy_timeout:
            // the deploy waits for it and succeeds, and reads are not blocked at all (WAL).
            Duration held = Duration.ofSeconds(2);
            Duration waited = holdWriteLock(db, held, () -> {
                assertThat(services(client)).contains("flt-d0");
                assertThat(client.stub(30).deploy(fakeDeploy("flt-d1", "A=1")).getResults(0).getSuccess()).isTrue();
            });
            assertThat(waited).isGreaterThan(held.minusMillis(500)).isLessThan(Duration.ofSeconds(5));

            // Held for 8 s, beyond busy_timeout: the deploy fails after about busy_timeout (one timeout in all, even
            // queued behind the agent's own writers, such as the monitor's), nothing is half-written, and the next
            // deploy after the lock is gone succeeds.
            Duration failedAfter = holdWriteLock(db, Duration.ofSeconds(8), () -> {
                StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
                        () -> client.stub(30).deploy(fakeDeploy("flt-d2", "A=2")));
                assertThat(e).as("a deploy behind a lock held beyond busy_timeout").isNotNull();
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription()).contains("registry is busy", "was not recorded");
            });
            assertThat(failedAfter).isGreaterThan(Duration.ofMillis(4500)).isLessThan(Duration.ofSeconds(8));
            assertThat(services(client)).doesNotContain("flt-d2");
            assertThat(client.stub(30).deploy(fakeDeploy("flt-d2", "A=2")).getResults(0).getSuccess()).isTrue();
        }
    }

    /**
     * Holds SQLite's write lock on {@code db} from a connection of this process for {@code hold}, runs {@code rpc}
     * meanwhile, and returns how long {@code rpc} took.
     */
    private static Duration holdWriteLock(Path db, Duration hold, Runnable rpc) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute("BEGIN IMMEDIATE");
            st.execute("UPDATE services SET updated_at = updated_at");
            long t0 = System.nanoTime();
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(hold);
                    st.execute("ROLLBACK");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rpc.run();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            release.join();
            return took;
        }
    }
}
