package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.application.Operator;
import net.metacircular.mcp.application.ServiceCommands;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.in.ServiceCommandsUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.EditorLauncher;
import net.metacircular.mcp.port.out.FakeAgentGateway;
import net.metacircular.mcp.port.out.FakeDefinitionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service commands' output and exit codes, against the fake gateway. */
class ServiceCommandsCliTest {
    private static final Node RIFT = new Node("rift", "10.0.0.1:9444");
    private static final Node VADE = new Node("vade", "10.0.0.2:9444");
    private final FakeAgentGateway gateway = new FakeAgentGateway();
    private final FakeDefinitionStore definitions = new FakeDefinitionStore();

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        Operator operator = new Operator(gateway, definitions, List.of(RIFT, VADE), Duration.ofSeconds(2), "services");
        EditorLauncher editor = new EditorLauncher() {
            @Override
            public int edit(Path file) {
                return 0;
            }

            @Override
            public String describe() {
                return "true";
            }
        };
        OperatorFactory factory = new OperatorFactory() {
            @Override
            public OperatorUseCase create(Optional<Path> configPath) {
                return operator;
            }

            @Override
            public ServiceCommandsUseCase serviceCommands(Optional<Path> configPath) {
                return new ServiceCommands(operator, gateway, definitions, editor);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = McpCli.commandLine(factory, "mcp 1.2.3", TerminalInfo.plain(), InstantSource.fixed(Instant.EPOCH))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static ServiceRecord metacrypt() {
        return new ServiceRecord("metacrypt", true, List.of(
                new ComponentRecord("metacrypt", ComponentSpec.of("api", "reg/metacrypt:v1"), DesiredState.RUNNING,
                        ObservedState.RUNNING, "v1", null, ""),
                new ComponentRecord("metacrypt", ComponentSpec.of("web", "reg/metacrypt:v1"), DesiredState.RUNNING,
                        ObservedState.RUNNING, "v1", null, "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "start", "restart", "sync", "adopt", "service", "service show", "service export", "service edit"})
    void everyCommand_hasHelpWithAnExample(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        Run r = run(args.toArray(String[]::new));

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Example").contains("mcp " + command.split(" ")[0]);
    }

    @Test
    void stop_printsOneLinePerComponent_andAFailedComponentExitsNonZero() {
        gateway.services("rift", metacrypt()).failing("web", "podman stop failed");

        Run r = run("stop", "metacrypt");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.out()).isEqualTo("metacrypt/api: stop\nmetacrypt/web: FAILED: podman stop failed\n");
        assertThat(r.err()).contains("node rift: stop metacrypt");
    }

    @Test
    void sync_printsEachNodesResults_andAnUnreachableNodeExitsPartial() {
        definitions.with(new ServiceDefinition("rift", new ServiceSpec("metacrypt", true,
                List.of(ComponentSpec.of("api", "reg/metacrypt:v1")))));
        gateway.unreachable("vade", "connection refused");

        Run r = run("sync");

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out()).isEqualTo("rift/metacrypt: changed: desired state recorded\n");
        assertThat(r.err()).contains("vade");
    }

    @Test
    void adopt_printsAdoptedAndLeftAloneContainers() {
        gateway.services("rift", metacrypt());
        gateway.adoptable("rift", "mc", AdoptResult.ok("mc-web", "web"),
                AdoptResult.leftAlone("mc-proxy", "proxy", "belongs to component mc-proxy of service mc-proxy"));

        Run r = run("adopt", "mc", "--node", "rift");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                mc-web -> mc/web: adopted
                mc-proxy -> mc/proxy: left alone: belongs to component mc-proxy of service mc-proxy
                """);
    }

    @Test
    void serviceShow_printsTheRegistrySpecAsADefinitionFile() {
        gateway.services("rift", metacrypt());

        Run r = run("service", "show", "metacrypt");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("""
                name = "metacrypt"
                node = "rift"
                active = true

                [[components]]
                name = "api"
                image = "reg/metacrypt:v1"

                [[components]]
                name = "web"
                image = "reg/metacrypt:v1"
                """);
    }

    @Test
    void serviceShowOfAServiceNoNodeHolds_failsWithAHint() {
        Run r = run("service", "show", "nosuch");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("service nosuch has no definition file");
    }
}
