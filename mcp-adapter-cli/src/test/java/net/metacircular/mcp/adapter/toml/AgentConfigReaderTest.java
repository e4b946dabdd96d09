package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import org.junit.jupiter.api.Test;

class AgentConfigReaderTest {
    private static final Path FILE = Path.of("/srv/mcp/mcp-agent.toml");
    private static final String DESIGN = """
            [server]
            grpc_addr = "100.95.252.120:9444"
            tls_cert = "/srv/mcp/certs/cert.pem"
            tls_key = "/srv/mcp/certs/key.pem"

            [database]
            path = "/srv/mcp/mcp.db"

            [mcias]
            server_url = "https://mcias.metacircular.net:8443"
            ca_cert = ""
            service_name = "mcp-agent"

            [agent]
            node_name = "rift"
            container_runtime = "podman"

            [monitor]
            interval = "60s"
            alert_command = []
            cooldown = "15m"
            flap_threshold = 3
            flap_window = "10m"
            retention = "30d"

            [log]
            level = "info"
            """;

    private static List<String> problems(String text) {
        try {
            AgentConfigReader.parse(text, FILE);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void givenTheDesignsExample_parse_readsEveryField() {
        AgentConfig c = AgentConfigReader.parse(DESIGN, FILE);

        assertThat(c.server()).isEqualTo(new AgentConfig.Server("100.95.252.120:9444",
                Path.of("/srv/mcp/certs/cert.pem"), Path.of("/srv/mcp/certs/key.pem")));
        assertThat(c.database().path()).isEqualTo(Path.of("/srv/mcp/mcp.db"));
        assertThat(c.mcias()).isEqualTo(new MciasSettings("https://mcias.metacircular.net:8443", Optional.empty(), "mcp-agent"));
        assertThat(c.agent()).isEqualTo(new AgentConfig.Agent("rift", AgentConfig.ContainerRuntimeKind.PODMAN,
                Path.of("/srv"), "podman"));
        assertThat(c.monitor()).isEqualTo(AgentConfig.Monitor.DEFAULTS);
        assertThat(c.log().level()).isEqualTo("info");
    }

    @Test
    void givenNoMonitorSection_parse_usesTheDesignsDefaults() {
        String text = DESIGN.substring(0, DESIGN.indexOf("[monitor]"));

        AgentConfig.Monitor m = AgentConfigReader.parse(text, FILE).monitor();

        assertThat(m.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.cooldown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(m.flapThreshold()).isEqualTo(3);
        assertThat(m.flapWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(m.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(m.alertCommand()).isEmpty();
    }

    @Test
    void givenDurationsAndAlertCommand_parse_readsThem() {
        AgentConfig c = AgentConfigReader.parse(DESIGN
                .replace("interval = \"60s\"", "interval = \"500ms\"")
                .replace("cooldown = \"15m\"", "cooldown = \"2h\"")
                .replace("retention = \"30d\"", "retention = \"7d\"")
                .replace("alert_command = []", "alert_command = [\"/usr/bin/logger\", \"-t\", \"mcp\"]")
                .replace("container_runtime = \"podman\"", "container_runtime = \"fake\"\nsrv_dir = \"/tmp/srv\"\npodman_binary = \"/usr/bin/podman\""),
                FILE);

        assertThat(c.monitor().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.monitor().cooldown()).isEqualTo(Duration.ofHours(2));
        assertThat(c.monitor().retention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.monitor().alertCommand()).containsExactly("/usr/bin/logger", "-t", "mcp");
        assertThat(c.agent()).isEqualTo(new AgentConfig.Agent("rift", AgentConfig.ContainerRuntimeKind.FAKE,
                Path.of("/tmp/srv"), "/usr/bin/podman"));
    }

    @Test
    void givenRuntimeTimeout_parse_readsIt_andWithoutItTheDefaultIsThirtySeconds() {
        AgentConfig c = AgentConfigReader.parse(DESIGN.replace("container_runtime = \"podman\"",
                "container_runtime = \"podman\"\nruntime_timeout = \"2s\""), FILE);

        assertThat(c.agent().runtimeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(AgentConfigReader.parse(DESIGN, FILE).agent().runtimeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givenRuntimeTimeoutOutsideItsRange_parse_reportsEachWithItsField() {
        for (String bad : new String[] {"500ms", "11m"}) {
            assertThat(problems(DESIGN.replace("container_runtime = \"podman\"",
                    "container_runtime = \"podman\"\nruntime_timeout = \"" + bad + "\"")))
                    .containsExactly(FILE + ": agent.runtime_timeout: " + bad + " is not between 1s and 10m");
        }
        assertThat(problems(DESIGN.replace("container_runtime = \"podman\"",
                "container_runtime = \"podman\"\nruntime_timeout = \"soon\"")))
                .singleElement().asString().startsWith(FILE + ": agent.runtime_timeout: \"soon\" is not a duration");
    }

    @Test
    void givenEmptyFile_parse_namesEveryRequiredFieldAndTheFile() {
        assertThat(problems("")).containsExactly(
                FILE + ": server.grpc_addr is required",
                FILE + ": server.tls_cert is required",
                FILE + ": server.tls_key is required",
                FILE + ": database.path is required",
                FILE + ": mcias.server_url is required",
                FILE + ": agent.node_name is required");
    }

    @Test
    void givenMissingCert_read_messageNamesTheFieldAndTheFile() {
        assertThatThrownBy(() -> AgentConfigReader.parse(DESIGN.replace("tls_cert = \"/srv/mcp/certs/cert.pem\"\n", ""), FILE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/srv/mcp/mcp-agent.toml: server.tls_cert is required");
    }

    @Test
    void givenBadValues_parse_reportsThemAllAtOnce() {
        assertThat(problems(DESIGN
                .replace("interval = \"60s\"", "interval = \"60 seconds\"")
                .replace("cooldown = \"15m\"", "cooldown = \"0s\"")
                .replace("flap_threshold = 3", "flap_threshold = \"3\"")
                .replace("container_runtime = \"podman\"", "container_runtime = \"docker\"")
                .replace("grpc_addr = \"100.95.252.120:9444\"", "grpc_addr = \"0.0.0.0:99999\"")
                .replace("level = \"info\"", "level = \"verbose\""))).containsExactlyInAnyOrder(
                FILE + ": server.grpc_addr: \"0.0.0.0:99999\" is not host:port (for example \"100.95.252.120:9444\" or \"[::1]:9444\")",
                FILE + ": agent.container_runtime: \"docker\" is not one of podman, fake",
                FILE + ": monitor.flap_threshold: must be an integer, not a string",
                FILE + ": monitor.interval: \"60 seconds\" is not a duration such as 500ms, 60s, 15m, 2h or 30d",
                FILE + ": monitor.cooldown: must be longer than zero",
                FILE + ": log.level: \"verbose\" is not one of debug, info, warn, error");
    }

    @Test
    void givenUnknownSectionAndKey_parse_namesThemWithTheAllowedOnes() {
        assertThat(problems(DESIGN + "[metrics]\nport = 1\n").getFirst())
                .isEqualTo(FILE + ": metrics: unknown key \"metrics\"; allowed keys: server, database, mcias, agent, monitor, log");
        assertThat(problems(DESIGN.replace("[database]\n", "[database]\npth = \"x\"\n")))
                .containsExactly(FILE + ": database.pth: unknown key \"pth\"; allowed keys in database: path, keep_snapshots");
    }

    @Test
    void givenPlainHttpMcias_parse_refusesIt() {
        assertThat(problems(DESIGN.replace("https://mcias", "http://mcias")))
                .singleElement().asString().contains("mcias.server_url").contains("https://");
    }

    @Test
    void givenAFlapThresholdBelowTwoAndAZeroDuration_parse_reportsBoth() {
        assertThat(problems(DESIGN.replace("flap_threshold = 3", "flap_threshold = 1").replace("cooldown = \"15m\"", "cooldown = \"0s\"")))
                .containsExactlyInAnyOrder(FILE + ": monitor.flap_threshold: 1 is not between 2 and 1000",
                        FILE + ": monitor.cooldown: must be longer than zero");
    }

    @Test
    void givenSnapshotRetentionAlertTimeoutAndAScenario_parse_readsThem() {
        AgentConfig c = AgentConfigReader.parse(DESIGN
                .replace("path = \"/srv/mcp/mcp.db\"", "path = \"/srv/mcp/mcp.db\"\nkeep_snapshots = 3")
                .replace("retention = \"30d\"", "retention = \"30d\"\nalert_timeout = \"2s\"")
                .replace("container_runtime = \"podman\"", "container_runtime = \"fake\"\nfake_scenario = \"/srv/mcp/drill.txt\""),
                FILE);

        assertThat(c.database().keepSnapshots()).isEqualTo(3);
        assertThat(c.monitor().alertTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.agent().fakeScenario()).contains(Path.of("/srv/mcp/drill.txt"));
        assertThat(AgentConfigReader.parse(DESIGN, FILE).database().keepSnapshots()).isEqualTo(7);
    }

    @Test
    void givenAScenarioForPodman_parse_refusesIt() {
        assertThat(problems(DESIGN.replace("container_runtime = \"podman\"", "container_runtime = \"podman\"\nfake_scenario = \"/x\"")))
                .containsExactly(FILE + ": agent.fake_scenario: is only played by container_runtime = \"fake\"");
    }

    @Test
    void givenAMissingAlertProgram_warnings_sayAlertsAreOnlyLogged_andParsingStillSucceeds() {
        AgentConfig c = AgentConfigReader.parse(DESIGN.replace("alert_command = []", "alert_command = [\"/nonexistent/notify\"]"), FILE);

        assertThat(AgentConfigReader.warnings(c)).singleElement().asString()
                .contains("monitor.alert_command[0]").contains("/nonexistent/notify").contains("logged");
        assertThat(AgentConfigReader.warnings(AgentConfigReader.parse(DESIGN.replace("alert_command = []",
                "alert_command = [\"sh\"]"), FILE))).isEmpty();
    }
}
