package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.metacircular.mcp.domain.Alert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The monitor end to end on real podman: a crash is noticed through {@code podman events} (the periodic interval is
 * 60 s, so only the event path can be on time), alerted once through a real alert command, flapping is reported
 * once, ignored and stopped components stay silent, a slow alert command is killed without delaying detection, and
 * a runtime outage (a broken {@code podman} first on the agent's PATH) gives one runtime alert and no false drift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTAINERS = List.of("mon-a-api", "mon-b-api", "mon-c-api", "mon-d-api", "mon-e-api",
            "mon-stray");
    private static final String SLEEPER = "[\"sh\", \"-c\", \"trap 'exit 0' TERM; while :; do sleep 1; done\"]";
    private Path work;
    private Mcias mcias;
    private AgentNode node;
    private AgentNode outageNode;
    private Operator op;
    private Path alerts;
    private Path outageAlerts;
    private Path brokenFlag;

    @BeforeAll
    void startNodes() throws Exception {
        removeContainers();
        work = Files.createTempDirectory("mcp-monitor-");
        Pki pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        alerts = Files.createDirectories(work.resolve("alerts"));
        outageAlerts = Files.createDirectories(work.resolve("outage-alerts"));
        Path script = alertScript(work.resolve("alert.sh"));
        node = new AgentNode("monnode", work.resolve("monnode"), pki, mcias, "podman")
                .withMonitor("""
                        interval = "60s"
                        alert_command = ["%s", "%s"]
                        alert_timeout = "1s"
                        cooldown = "15m"
                        flap_threshold = 3
                        flap_window = "10m"
                        """.formatted(script, alerts))
                .start();
        brokenFlag = work.resolve("podman-broken");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path wrapper = bin.resolve("podman");
        Files.writeString(wrapper, """
                #!/bin/sh
                if [ -e "%s" ]; then echo "Error: simulated outage" >&2; exit 125; fi
                exec "%s" "$@"
                """.formatted(brokenFlag, realPodman()));
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        outageNode = new AgentNode("outnode", work.resolve("outnode"), pki, mcias, "podman")
                .withMonitor("""
                        interval = "1s"
                        alert_command = ["%s", "%s"]
                        """.formatted(script, outageAlerts))
                .withEnv("PATH", bin + ":" + System.getenv("PATH"))
                .start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(node, outageNode));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stopNodes() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {node, outageNode, mcias}) {
            if (c != null) {
                c.close();
            }
        }
        removeContainers();
    }

    private static void removeContainers() {
        Operator.removeContainers(CONTAINERS);
    }

    /** Writes each alert's environment to {@code <dir>/<nanos>.env}; sleeps first while {@code <dir>/slow} exists. */
    private static Path alertScript(Path file) throws Exception {
        Files.writeString(file, """
                #!/bin/sh
                dir="$1"
                if [ -e "$dir/slow" ]; then echo $$ > "$dir/slow.pid"; sleep 30; fi
                env > "$dir/.tmp.$$"
                mv "$dir/.tmp.$$" "$dir/$(date +%s%N).env"
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static String realPodman() {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, "podman");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError("podman is not on PATH");
    }

    private static List<Map<String, String>> alertsIn(Path dir) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".env")).sorted().toList()) {
                Map<String, String> env = new HashMap<>();
                for (String line : Files.readAllLines(f)) {
                    int eq = line.indexOf('=');
                    if (line.startsWith("MCP_") && eq > 0) {
                        env.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
                out.add(env);
            }
        }
        return out;
    }

    private static List<Map<String, String>> alertsFor(Path dir, String service, String type) throws Exception {
        return alertsIn(dir).stream().filter(a -> a.get("MCP_SERVICE").equals(service) && a.get("MCP_ALERT_TYPE").equals(type)).toList();
    }

    /** Polls until {@code n} alerts of {@code type} for {@code service} exist; returns how long it took. */
    private static Duration awaitAlerts(Path dir, String service, String type, int n, Duration limit) throws Exception {
        long t0 = System.nanoTime();
        while (alertsFor(dir, service, type).size() < n && System.nanoTime() - t0 < limit.toNanos()) {
            Thread.sleep(25);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static String state(String container) {
        return Operator.podman("container", "inspect", "--format", "{{.State.Status}}", container).assertOk().out().strip();
    }

    private void deploy(String service, String agentNode) throws Exception {
        op.writeService(service, """
                name = "%s"
                node = "%s"

                [[components]]
                name = "api"
                image = "%s"
                restart = "no"
                cmd = %s
                """.formatted(service, agentNode, Testbed.imageV1(), SLEEPER));
        op.mcp("deploy", service).assertOk();
        assertThat(state(service + "-api")).isEqualTo("running");
    }

    /** The whole fleet's status (both nodes answer; a service lives on one of them). */
    private JsonNode status() throws Exception {
        return JSON.readTree(op.mcp("status", "--json").assertOk().out());
    }

    @Test
    @Order(1)
    void killedContainer_isRecordedAsDrift_andTheAlertCommandRunsOnceWithEveryVariableWithinTwoSeconds() throws Exception {
        deploy("mon-a", "monnode");
        Thread.sleep(1500);
        assertThat(alertsIn(alerts)).isEmpty();

        Operator.podman("kill", "mon-a-api").assertOk();
        Duration took = awaitAlerts(alerts, "mon-a", "drift", 1, Duration.ofSeconds(10));

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        Map<String, String> drift = alertsFor(alerts, "mon-a", "drift").getFirst();
        assertThat(drift).containsOnlyKeys(Alert.VARIABLES).containsEntry("MCP_COMPONENT", "api")
                .containsEntry("MCP_NODE", "monnode").containsEntry("MCP_DESIRED", "running")
                .containsEntry("MCP_OBSERVED", "exited").containsEntry("MCP_PREV_STATE", "running")
                .containsEntry("MCP_TRANSITIONS", "1");
        JsonNode status = status();
        assertThat(status.get("drift")).anySatisfy(d -> {
            assertThat(d.get("service").asText()).isEqualTo("mon-a");
            assertThat(d.get("component").asText()).isEqualTo("api");
            assertThat(d.get("observed_state").asText()).isEqualTo("exited");
        });
        assertThat(status.get("events")).anySatisfy(e -> {
            assertThat(e.get("service").asText()).isEqualTo("mon-a");
            assertThat(e.get("prev_state").asText()).isEqualTo("running");
            assertThat(e.get("new_state").asText()).isEqualTo("exited");
        });
        Thread.sleep(1000);
        assertThat(alertsFor(alerts, "mon-a", "drift")).hasSize(1);
        // Podman shows a killed container as "stopped" until its cleanup has run (half a second or more on a busy
        // node); that is the same exit, not a state of its own, so one crash is one transition.
        assertThat(status().get("events")).filteredOn(e -> e.get("service").asText().equals("mon-a"))
                .extracting(e -> e.get("prev_state").asText() + "→" + e.get("new_state").asText())
                .containsExactlyInAnyOrder("unknown→running", "running→exited");
    }

    @Test
    @Order(2)
    void startingItAgain_givesOneRecoveredAlert() throws Exception {
        Operator.podman("start", "mon-a-api").assertOk();

        assertThat(awaitAlerts(alerts, "mon-a", "recovered", 1, Duration.ofSeconds(10))).isLessThan(Duration.ofSeconds(2));
        Thread.sleep(1000);
        assertThat(alertsFor(alerts, "mon-a", "recovered")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("MCP_OBSERVED", "running").containsEntry("MCP_PREV_STATE", "exited"));
    }

    @Test
    @Order(3)
    void repeatedKillStartCycles_giveExactlyOneFlappingAlert_andNoSecondDriftWithinTheCooldown() throws Exception {
        for (int i = 0; i < 3; i++) {
            Operator.podman("kill", "mon-a-api").assertOk();
            Thread.sleep(1200);
            Operator.podman("start", "mon-a-api").assertOk();
            Thread.sleep(1200);
        }

        awaitAlerts(alerts, "mon-a", "flapping", 1, Duration.ofSeconds(5));
        Thread.sleep(1000);
        assertThat(alertsFor(alerts, "mon-a", "flapping")).singleElement()
                .satisfies(a -> assertThat(Integer.parseInt(a.get("MCP_TRANSITIONS"))).isGreaterThanOrEqualTo(3));
        assertThat(alertsFor(alerts, "mon-a", "drift")).hasSize(1);
    }

    @Test
    @Order(4)
    void ignoredContainerKilled_andComponentStoppedWithMcpStop_raiseNoAlert() throws Exception {
        Operator.podman("run", "-d", "--name", "mon-stray", Testbed.imageV1(), "sh", "-c",
                "trap 'exit 0' TERM; while :; do sleep 1; done").assertOk();
        deploy("mon-b", "monnode");
        Thread.sleep(1500);

        Operator.podman("kill", "mon-stray").assertOk();
        op.mcp("stop", "mon-b").assertOk();
        Thread.sleep(2500);

        assertThat(alertsIn(alerts)).noneMatch(a -> a.get("MCP_SERVICE").equals("mon-stray") || a.get("MCP_SERVICE").equals("mon-b"));
        assertThat(status().get("events")).anySatisfy(e -> {
            assertThat(e.get("service").asText()).isEqualTo("mon-stray");
            assertThat(e.get("new_state").asText()).isEqualTo("exited");
        });
    }

    @Test
    @Order(5)
    void mcpRestart_raisesNoAlert_andRecordsNoExit_thoughPodmanReportsTheContainersDeath() throws Exception {
        deploy("mon-e", "monnode");
        Thread.sleep(1500);
        String before = Operator.podman("container", "inspect", "--format", "{{.State.StartedAt}}", "mon-e-api")
                .assertOk().out().strip();

        op.mcp("restart", "mon-e").assertOk();
        Thread.sleep(2500);

        assertThat(Operator.podman("container", "inspect", "--format", "{{.State.StartedAt}}", "mon-e-api")
                .assertOk().out().strip()).as("the container did restart").isNotEqualTo(before);
        // The died event inside the restart is the restart's own (it came before the restart released the
        // service), so the monitor's event path must not take it for a crash (Reconciler.died).
        assertThat(alertsIn(alerts)).noneMatch(a -> a.get("MCP_SERVICE").equals("mon-e"));
        assertThat(status().get("events")).filteredOn(e -> e.get("service").asText().equals("mon-e"))
                .extracting(e -> e.get("prev_state").asText() + "→" + e.get("new_state").asText())
                .containsExactly("unknown→running");
    }

    @Test
    @Order(6)
    void alertCommandSleepingPastItsTimeout_isKilled_andTheNextTransitionIsStillDetectedOnTime() throws Exception {
        deploy("mon-c", "monnode");
        Thread.sleep(1500);
        Files.writeString(alerts.resolve("slow"), "");
        Operator.podman("kill", "mon-c-api").assertOk();
        Path pidFile = alerts.resolve("slow.pid");
        for (int i = 0; i < 100 && !Files.exists(pidFile); i++) {
            Thread.sleep(20);
        }
        assertThat(pidFile).exists();
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Files.delete(alerts.resolve("slow"));

        Operator.podman("start", "mon-c-api").assertOk();
        long started = System.nanoTime();
        boolean recorded = false;
        while (!recorded && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
            recorded = node.logText().lines().anyMatch(l -> l.contains("alert recovered") && l.contains("mon-c"));
            Thread.sleep(25);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(awaitAlerts(alerts, "mon-c", "recovered", 1, Duration.ofSeconds(5))).isLessThan(Duration.ofSeconds(5));
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(node.logText()).contains("was killed after");
    }

    @Test
    @Order(7)
    void runtimeUnavailableForSeveralIterations_givesOneRuntimeAlert_noRemovedEventNoDrift_andRecoversAfterwards() throws Exception {
        deploy("mon-d", "outnode");
        Thread.sleep(2500);
        int before = alertsIn(outageAlerts).size();

        Files.writeString(brokenFlag, "");
        Thread.sleep(6000);
        JsonNode during = status();
        Files.delete(brokenFlag);
        Thread.sleep(3000);
        JsonNode after = status();

        List<Map<String, String>> raised = alertsIn(outageAlerts).subList(before, alertsIn(outageAlerts).size());
        assertThat(raised).singleElement().satisfies(a -> assertThat(a).containsEntry("MCP_ALERT_TYPE", "runtime")
                .containsEntry("MCP_NODE", "outnode").containsEntry("MCP_OBSERVED", "unknown"));
        assertThat(during.get("components")).filteredOn(c -> c.get("service").asText().equals("mon-d"))
                .allSatisfy(c -> assertThat(c.get("observed_state").asText()).isEqualTo("unknown"));
        assertThat(after.get("events")).filteredOn(e -> e.get("node").asText().equals("outnode"))
                .noneSatisfy(e -> assertThat(e.get("new_state").asText()).isEqualTo("removed"));
        assertThat(after.get("components")).filteredOn(c -> c.get("service").asText().equals("mon-d"))
                .singleElement().satisfies(c -> assertThat(c.get("observed_state").asText()).isEqualTo("running"));
        String log = outageNode.logText();
        assertThat(log.lines().filter(l -> l.contains("the container runtime is unavailable"))).hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("the container runtime answers again"))).hasSize(1);
    }
}
