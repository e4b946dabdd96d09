package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.metacircular.mcp.domain.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentCliTest {
    private final List<String> launched = new ArrayList<>();

    private record Run(int code, String out, String err) {
    }

    private final AgentLauncher launcher = new AgentLauncher() {
        @Override
        public int serve(Path config) {
            launched.add("serve " + config);
            return 0;
        }

        @Override
        public int snapshot(Path config) {
            launched.add("snapshot " + config);
            if (config.toString().contains("bad")) {
                throw new InvalidInputException(List.of(
                        new net.metacircular.mcp.domain.Problem(config + ": server.tls_cert", "is required"),
                        new net.metacircular.mcp.domain.Problem(config + ": database.path", "is required")));
            }
            return 7;
        }
    };

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AgentCli.commandLine(launcher, "mcp-agent 1.2.3", TerminalInfo.plain())
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void server_callsTheLauncherWithTheConfigPath() {
        Run r = run("server", "--config", "/srv/mcp/mcp-agent.toml");

        assertThat(r.code()).isZero();
        assertThat(launched).containsExactly("serve /srv/mcp/mcp-agent.toml");
    }

    @Test
    void snapshot_returnsTheLaunchersExitCode() {
        assertThat(run("snapshot", "--config", "/srv/mcp/mcp-agent.toml").code()).isEqualTo(7);
        assertThat(launched).containsExactly("snapshot /srv/mcp/mcp-agent.toml");
    }

    @Test
    void givenLauncherRejectsTheConfig_printsEveryProblemWithoutStackTrace() {
        Run r = run("snapshot", "--config", "/bad.toml");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("/bad.toml: server.tls_cert: is required\n/bad.toml: database.path: is required\n");
    }

    @Test
    void givenNoConfig_server_isAUsageError() {
        Run r = run("server");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Missing required option: '--config=PATH'");
        assertThat(launched).isEmpty();
    }

    @Test
    void version_printsTheGivenVersion() {
        assertThat(run("--version").out()).isEqualTo("mcp-agent 1.2.3\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "server", "snapshot"})
    void help_ofEveryCommand_hasAnExample(String command) {
        Run r = command.isEmpty() ? run("--help") : run(command, "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: mcp-agent").contains("Example");
        assertThat(launched).isEmpty();
    }
}
