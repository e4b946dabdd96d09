package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigReaderTest {
    private static final Path HOME = Path.of("/home/kyle");
    private static final Path FILE = Path.of("/home/kyle/.config/mcp/mcp.toml");

    private static List<String> problems(String text) {
        try {
            CliConfigReader.parse(text, FILE, HOME);
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void givenTheDesignsExample_parse_readsEveryField() {
        CliConfig c = CliConfigReader.parse("""
                [services]
                dir = "~/.config/mcp/services"

                [mcias]
                server_url = "https://mcias.metacircular.net:8443"
                ca_cert = ""
                service_name = "mcp"

                [auth]
                token_path = "/home/kyle/.config/mcp/token"
                username = "mcp-operator"
                password_file = "~/.config/mcp/credentials"

                [tls]
                ca_cert = "~/.config/mcp/ca.pem"

                [[nodes]]
                name = "rift"
                address = "100.95.252.120:9444"

                [[nodes]]
                name = "vade"
                address = "[::1]:9444"
                """, FILE, HOME);

        assertThat(c.servicesDir()).isEqualTo(Path.of("/home/kyle/.config/mcp/services"));
        assertThat(c.mcias()).isEqualTo(new MciasSettings("https://mcias.metacircular.net:8443", Optional.empty(), "mcp"));
        assertThat(c.auth()).isEqualTo(new CliConfig.Auth(Path.of("/home/kyle/.config/mcp/token"), Optional.of("mcp-operator"),
                Optional.of(Path.of("/home/kyle/.config/mcp/credentials"))));
        assertThat(c.tls().caCert()).contains(Path.of("/home/kyle/.config/mcp/ca.pem"));
        assertThat(c.nodes()).containsExactly(new AgentGateway.Node("rift", "100.95.252.120:9444"),
                new AgentGateway.Node("vade", "[::1]:9444"));
    }

    @Test
    void givenOnlyNodes_parse_defaultsEverythingElseBesideTheFile() {
        CliConfig c = CliConfigReader.parse("[[nodes]]\nname = \"rift\"\naddress = \"127.0.0.1:9444\"\n", FILE, HOME);

        assertThat(c.servicesDir()).isEqualTo(Path.of("/home/kyle/.config/mcp/services"));
        assertThat(c.auth().tokenPath()).isEqualTo(Path.of("/home/kyle/.config/mcp/token"));
        assertThat(c.auth().username()).isEmpty();
        assertThat(c.tls().caCert()).isEmpty();
        assertThat(c.mcias().serviceName()).isEqualTo("mcp");
    }

    @Test
    void givenNoNodes_parse_saysOneIsRequiredNamingTheFile() {
        assertThat(problems("[services]\ndir = \"/x\"\n"))
                .containsExactly(FILE + ": at least one [[nodes]] block with name and address is required");
    }

    @Test
    void givenSeveralMistakes_parse_reportsThemAllWithFileAndField() {
        assertThat(problems("""
                [mcias]
                server_url = "http://mcias.example.net"
                [tls]
                ca_cert = 3
                skip_verify = true
                [[nodes]]
                name = "rift"
                [[nodes]]
                name = "rift"
                address = "rift"
                """)).containsExactly(
                FILE + ": mcias.server_url: \"http://mcias.example.net\" is not an https:// URL (for example \"https://mcias.example.net:8443\")",
                FILE + ": tls.skip_verify: unknown key \"skip_verify\"; allowed keys in tls: ca_cert",
                FILE + ": tls.ca_cert: must be a string, not an integer",
                FILE + ": nodes[0].address is required",
                FILE + ": nodes[1].name: \"rift\" is used by another node",
                FILE + ": nodes[1].address: \"rift\" is not host:port (for example \"100.95.252.120:9444\" or \"[::1]:9444\")");
    }

    @Test
    void givenMissingFile_read_saysToCreateIt(@TempDir Path dir) {
        Path file = dir.resolve("mcp.toml");

        assertThatThrownBy(() -> CliConfigReader.read(file, HOME))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ": does not exist; create it");
    }

    @Test
    void defaultLocation_prefersMcpConfigThenTheHomeDirectory() {
        assertThat(CliConfigReader.defaultLocation(Map.of("MCP_CONFIG", "/etc/mcp.toml"), HOME)).isEqualTo(Path.of("/etc/mcp.toml"));
        assertThat(CliConfigReader.defaultLocation(Map.of("MCP_CONFIG", "~/mcp.toml"), HOME)).isEqualTo(Path.of("/home/kyle/mcp.toml"));
        assertThat(CliConfigReader.defaultLocation(Map.of("MCP_CONFIG", ""), HOME)).isEqualTo(FILE);
        assertThat(CliConfigReader.defaultLocation(Map.of(), HOME)).isEqualTo(FILE);
    }
}
