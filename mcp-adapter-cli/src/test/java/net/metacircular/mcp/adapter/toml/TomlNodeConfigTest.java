package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.metacircular.mcp.application.Nodes;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlNodeConfigTest {
    private static final String CONFIG = """
            # my workstation's MCP config
            [services]
            dir = "/home/op/services"   # definitions live here

            [[nodes]]
            # the main box
            name = "rift"
            address = "100.95.252.120:9444"  # tailnet

            # trailing notes about auth
            [auth]
            token_path = "/home/op/token"
            """;

    @TempDir
    Path dir;
    private Path file;
    private Nodes nodes;

    @BeforeEach
    void setUp() throws IOException {
        file = dir.resolve("mcp.toml");
        Files.writeString(file, CONFIG);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        nodes = new Nodes(new TomlNodeConfig(file, dir));
    }

    @Test
    void add_insertsOneBlockAfterTheLastNode_andKeepsEveryOtherLine() throws IOException {
        nodes.add("vade", "10.0.0.2:9444");

        assertThat(Files.readString(file)).isEqualTo("""
                # my workstation's MCP config
                [services]
                dir = "/home/op/services"   # definitions live here

                [[nodes]]
                # the main box
                name = "rift"
                address = "100.95.252.120:9444"  # tailnet

                [[nodes]]
                name = "vade"
                address = "10.0.0.2:9444"

                # trailing notes about auth
                [auth]
                token_path = "/home/op/token"
                """);
        assertThat(nodes.nodes()).containsExactly(new Node("rift", "100.95.252.120:9444"), new Node("vade", "10.0.0.2:9444"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void addThenRemove_restoresTheFileByteForByte() throws IOException {
        nodes.add("vade", "10.0.0.2:9444");
        nodes.remove("vade");

        assertThat(Files.readString(file)).isEqualTo(CONFIG);
    }

    @Test
    void remove_deletesOnlyThatNodesBlock() throws IOException {
        nodes.add("vade", "10.0.0.2:9444");
        nodes.remove("rift");

        assertThat(Files.readString(file)).isEqualTo("""
                # my workstation's MCP config
                [services]
                dir = "/home/op/services"   # definitions live here

                [[nodes]]
                name = "vade"
                address = "10.0.0.2:9444"

                # trailing notes about auth
                [auth]
                token_path = "/home/op/token"
                """);
    }

    @Test
    void givenADuplicateOrBadNode_add_changesNothingAndReportsEveryProblem() throws IOException {
        assertThatThrownBy(() -> nodes.add("rift", "10.0.0.9:9444")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already configured");
        assertThatThrownBy(() -> nodes.add("Bad Name", "no-port")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name: ").hasMessageContaining("address: ");
        assertThatThrownBy(() -> nodes.add("evil", "x:1\"\n[auth]")).isInstanceOf(InvalidInputException.class);
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
    }

    @Test
    void givenAnUnknownNode_remove_isNotFound() {
        assertThatThrownBy(() -> nodes.remove("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("not configured");
    }

    @Test
    void removingTheOnlyNode_isRefusedAndTheFileIsKept() throws IOException {
        assertThatThrownBy(() -> nodes.remove("rift")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unchanged");
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
    }

    @Test
    void givenASymlinkedConfig_add_editsTheTargetAndKeepsTheLink() throws IOException {
        Path link = dir.resolve("link.toml");
        Files.createSymbolicLink(link, file);

        new Nodes(new TomlNodeConfig(link, dir)).add("vade", "10.0.0.2:9444");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(file)).contains("name = \"vade\"");
    }
}
