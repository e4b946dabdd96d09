package net.metacircular.mcp.adapter.cli;

import static net.metacircular.mcp.port.out.RegistryTestData.component;
import static net.metacircular.mcp.port.out.RegistryTestData.definition;
import static net.metacircular.mcp.port.out.RegistryTestData.running;
import static net.metacircular.mcp.port.out.RegistryTestData.service;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.adapter.toml.TomlDefinitionStore;
import net.metacircular.mcp.application.Operator;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.DefinitionStore;
import net.metacircular.mcp.port.out.FakeAgentGateway;
import net.metacircular.mcp.port.out.FakeDefinitionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpCliTest {
    private static final Node RIFT = new Node("rift", "10.0.0.1:9444");
    private static final Node VADE = new Node("vade", "10.0.0.2:9444");
    private static final Instant NOW = Instant.parse("2025-03-04T12:00:00Z");
    private static final Instant STARTED = Instant.parse("2025-03-04T09:47:00Z");

    private final FakeAgentGateway gateway = new FakeAgentGateway();
    private DefinitionStore definitions = new FakeDefinitionStore();
    private final List<Optional<Path>> configs = new ArrayList<>();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        Operator operator = new Operator(gateway, definitions, List.of(RIFT, VADE), Duration.ofSeconds(2), "/home/op/services");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The command line main() runs: only the invoked subcommand is built.
        int code = McpCli.commandLineFor(config -> {
                    configs.add(config);
                    return operator;
                }, Prompters.NONE, "mcp 1.2.3", TerminalInfo.plain(), InstantSource.fixed(NOW), args)
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private void twoComponentsOnRift() {
        gateway.services("rift", service("metacrypt",
                running("metacrypt", "api", "v1.7.0", STARTED),
                component("metacrypt", "web", "v1.2.0", DesiredState.RUNNING, ObservedState.EXITED, null)));
    }

    @Test
    void givenTwoNodes_ps_printsAnAlignedTableWithUptime() {
        twoComponentsOnRift();
        gateway.services("vade", service("mc-proxy", running("mc-proxy", "mc-proxy", "v2", NOW.minusSeconds(42))));

        Run r = run("ps");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                NODE  SERVICE    COMPONENT  IMAGE                               VERSION  DESIRED  OBSERVED  UPTIME
                rift  metacrypt  api        registry.test/metacrypt-api:v1.7.0  v1.7.0   running  running   2h13m
                rift  metacrypt  web        registry.test/metacrypt-web:v1.2.0  v1.2.0   running  exited    -
                vade  mc-proxy   mc-proxy   registry.test/mc-proxy-mc-proxy:v2  v2       running  running   42s
                """);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void givenAnUnreachableNode_ps_printsTheOtherNodesRowsAndAnErrorAndExits3() {
        twoComponentsOnRift();
        gateway.unreachable("vade", "connection refused");

        Run r = run("ps");

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out()).contains("rift  metacrypt  api").contains("rift  metacrypt  web").doesNotContain("vade");
        assertThat(r.err()).isEqualTo("node vade (10.0.0.2:9444): connection refused\n");
    }

    @Test
    void givenAnUnreachableNode_psJson_hasAnErrorsRowAndTheOtherNodesComponents() {
        twoComponentsOnRift();
        gateway.unreachable("vade", "connection refused");

        Run r = run("ps", "--json");

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out()).isEqualTo("{\"components\":["
                + "{\"node\":\"rift\",\"service\":\"metacrypt\",\"component\":\"api\",\"image\":\"registry.test/metacrypt-api:v1.7.0\","
                + "\"version\":\"v1.7.0\",\"desired_state\":\"running\",\"observed_state\":\"running\",\"started\":\"2025-03-04T09:47:00Z\"},"
                + "{\"node\":\"rift\",\"service\":\"metacrypt\",\"component\":\"web\",\"image\":\"registry.test/metacrypt-web:v1.2.0\","
                + "\"version\":\"v1.2.0\",\"desired_state\":\"running\",\"observed_state\":\"exited\",\"started\":null}],"
                + "\"errors\":[{\"node\":\"vade\",\"error\":\"connection refused\"}]}\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void givenRegistry_list_showsStartTimes() {
        twoComponentsOnRift();

        Run r = run("list");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                NODE  SERVICE    COMPONENT  IMAGE                               VERSION  DESIRED  OBSERVED  STARTED
                rift  metacrypt  api        registry.test/metacrypt-api:v1.7.0  v1.7.0   running  running   2025-03-04T09:47:00Z
                rift  metacrypt  web        registry.test/metacrypt-web:v1.2.0  v1.2.0   running  exited    -
                """);
        assertThat(gateway.calls()).containsExactlyInAnyOrder("listServices rift", "listServices vade");
    }

    @Test
    void givenEmptyFleet_listJson_printsEmptyArrays() {
        Run r = run("list", "--json");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("{\"components\":[],\"errors\":[]}\n");
    }

    @Test
    void givenDriftAndEvents_status_printsComponentsDriftAndEvents() {
        twoComponentsOnRift();
        gateway.events("rift", new Event("metacrypt", "web", ObservedState.RUNNING, ObservedState.EXITED,
                Instant.parse("2025-03-04T11:00:00Z")));

        Run r = run("status");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                NODE  SERVICE    COMPONENT  IMAGE                               VERSION  DESIRED  OBSERVED  UPTIME
                rift  metacrypt  api        registry.test/metacrypt-api:v1.7.0  v1.7.0   running  running   2h13m
                rift  metacrypt  web        registry.test/metacrypt-web:v1.2.0  v1.2.0   running  exited    -

                DRIFT
                NODE  SERVICE    COMPONENT  DESIRED  OBSERVED  REASON
                rift  metacrypt  web        running  exited    crashed

                EVENTS
                TIME                  NODE  SERVICE    COMPONENT  PREV     NEW
                2025-03-04T11:00:00Z  rift  metacrypt  web        running  exited
                """);
    }

    @Test
    void givenDriftAndEvents_statusJson_addsDriftAndEvents() {
        twoComponentsOnRift();
        gateway.events("rift", new Event("metacrypt", "web", ObservedState.RUNNING, ObservedState.EXITED,
                Instant.parse("2025-03-04T11:00:00Z")));

        Run r = run("status", "metacrypt", "--json");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).endsWith(",\"errors\":[],"
                + "\"drift\":[{\"node\":\"rift\",\"service\":\"metacrypt\",\"component\":\"web\",\"desired_state\":\"running\",\"observed_state\":\"exited\"}],"
                + "\"events\":[{\"node\":\"rift\",\"service\":\"metacrypt\",\"component\":\"web\",\"prev_state\":\"running\",\"new_state\":\"exited\",\"timestamp\":\"2025-03-04T11:00:00Z\"}]}\n");
        assertThat(r.out()).startsWith("{\"components\":[{\"node\":\"rift\",\"service\":\"metacrypt\",\"component\":\"api\"");
    }

    @Test
    void givenServiceOnNoNode_status_failsWithTheMessageAndExit1() {
        Run r = run("status", "nosuch");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("service nosuch is in the registry of no node (asked rift, vade)\n");
    }

    @Test
    void givenDefinition_deploy_printsOneLinePerComponent() {
        definitions = new FakeDefinitionStore().with(definition("rift", "metacrypt", "api", "web"));

        Run r = run("deploy", "metacrypt");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("metacrypt/api: replaced\nmetacrypt/web: replaced\n");
        assertThat(r.err()).isEqualTo("node rift: metacrypt from /home/op/services/metacrypt.toml\n");
    }

    @Test
    void givenAFailingComponent_deploy_printsFailedAndExits1() {
        definitions = new FakeDefinitionStore().with(definition("rift", "metacrypt", "api", "web"));
        gateway.failing("web", "image pull failed: manifest unknown");

        Run r = run("deploy", "metacrypt");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEqualTo("metacrypt/api: replaced\nmetacrypt/web: FAILED: image pull failed: manifest unknown\n");
    }

    @Test
    void givenComponentTheSpecLacks_deploy_exits1WithoutCallingTheAgent() {
        definitions = new FakeDefinitionStore().with(definition("rift", "metacrypt", "api", "web"));

        Run r = run("deploy", "metacrypt/nosuch");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("service metacrypt has no component \"nosuch\"");
        assertThat(gateway.deployCalls()).isEmpty();
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenDefinitionWithThreeMistakes_deploy_printsAllThreeWithFieldPathsAndDeploysNothing() throws IOException {
        Path services = Files.createDirectories(dir.resolve("services"));
        Path file = services.resolve("svc.toml");
        Files.writeString(file, """
                name = "svc"
                node = "rift"
                active = "yes"

                [[components]]
                name = "api"
                image = "registry.test/svc-api:v1"
                ports = ["8080"]

                [[components]]
                name = "Web"
                image = "registry.test/svc-web:v1"
                """);
        definitions = new TomlDefinitionStore(services);

        Run r = run("deploy", "svc");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(file + ": active: must be a boolean (true or false), not a string\n"
                + file + ": components[0].ports[0]: \"8080\" is not host:container (for example \"127.0.0.1:8080:80\" or \"8080:80/tcp\")\n"
                + file + ": components[1].name: \"Web\" must be lower-case letters, digits and '-', starting and ending with a letter or digit\n");
        assertThat(gateway.deployCalls()).isEmpty();
    }

    @Test
    void givenAgentUnreachableDuringDeploy_deploy_namesTheNodeAndAddress() {
        definitions = new FakeDefinitionStore().with(definition("vade", "metacrypt", "api"));
        gateway.unreachable("vade", "UNAVAILABLE: io exception");

        Run r = run("deploy", "metacrypt");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("node vade (10.0.0.2:9444): UNAVAILABLE: io exception\n");
    }

    @Test
    void givenConfigProblems_anyCommand_printsThemAndExits1() {
        StringWriter err = new StringWriter();
        int code = McpCli.commandLine(config -> {
                    throw new InvalidInputException("/x/mcp.toml", "at least one [[nodes]] block with name and address is required");
                }, "v", TerminalInfo.plain(), InstantSource.fixed(NOW))
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute("ps");

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).isEqualTo("/x/mcp.toml: at least one [[nodes]] block with name and address is required\n");
    }

    @Test
    void givenABug_anyCommand_printsNoStackTrace() {
        StringWriter err = new StringWriter();
        int code = McpCli.commandLine(config -> {
                    throw new IllegalStateException("boom");
                }, "v", TerminalInfo.plain(), InstantSource.fixed(NOW))
                .setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err)).execute("list");

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString()).isEqualTo("internal error: IllegalStateException: boom\n").doesNotContain("\tat ");
    }

    @Test
    void givenConfigBeforeOrAfterTheSubcommand_theFactoryReceivesIt() {
        run("--config", "/a/mcp.toml", "list");
        run("list", "--config", "/b/mcp.toml");
        run("list");

        assertThat(configs).containsExactly(Optional.of(Path.of("/a/mcp.toml")), Optional.of(Path.of("/b/mcp.toml")),
                Optional.empty());
    }

    @Test
    void givenUnknownOption_exitsWithUsageCode() {
        Run r = run("ps", "--nope");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option: '--nope'");
        assertThat(configs).isEmpty();
    }

    @Test
    void givenNoSubcommand_exitsWithUsageCode() {
        Run r = run();

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing required subcommand").contains("Usage: mcp");
    }

    @Test
    void version_printsTheVersionGivenToTheConstructor() {
        Run r = run("--version");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("mcp 1.2.3\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionOnly_printsWhatTheCommandLinePrints_withoutBuildingIt(String flag) {
        StringWriter quick = new StringWriter();

        assertThat(McpCli.versionOnly("mcp 1.2.3", new PrintWriter(quick), flag)).contains(ExitCodes.OK);
        assertThat(quick.toString()).isEqualTo(run(flag).out());
        assertThat(configs).isEmpty();
    }

    @Test
    void versionOnly_leavesEveryOtherCommandLineToPicocli() {
        StringWriter quick = new StringWriter();

        assertThat(McpCli.versionOnly("mcp 1.2.3", new PrintWriter(quick), "--version", "ps")).isEmpty();
        assertThat(McpCli.versionOnly("mcp 1.2.3", new PrintWriter(quick), "ps")).isEmpty();
        assertThat(McpCli.versionOnly("mcp 1.2.3", new PrintWriter(quick))).isEmpty();
        assertThat(quick.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "deploy", "list", "ps", "status"})
    void help_ofEveryCommand_hasADescriptionAndAnExample(String command) {
        Run r = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Usage: mcp").contains("Example").doesNotContain("\u001b[");
        assertThat(configs).isEmpty();
    }

    @Test
    void givenAColourTerminal_ps_tintsTheObservedStateAndHeader() {
        twoComponentsOnRift();
        Operator operator = new Operator(gateway, definitions, List.of(RIFT), Duration.ofSeconds(2));
        StringWriter out = new StringWriter();

        int code = McpCli.commandLine(config -> operator, "v", TerminalInfo.of(true, 0), InstantSource.fixed(NOW))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter())).execute("ps");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("\u001b[1mNODE\u001b[0m")
                .contains("\u001b[32mrunning\u001b[0m")
                .contains("\u001b[31mexited\u001b[0m");
    }

    @Test
    void givenNoColour_jsonAndTables_holdNoEscapes() {
        twoComponentsOnRift();

        assertThat(run("ps").out()).doesNotContain("\u001b");
        assertThat(run("status", "--json").out()).doesNotContain("\u001b");
    }

    @Test
    void help_ofDeploy_explainsWhereTheSpecComesFrom() {
        assertThat(run("deploy", "--help").out()).contains("-f, --file=FILE").contains("--force")
                .contains("<services dir>/SERVICE.toml");
    }
}
