package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TomlDefinitionStoreTest {
    static final String METACRYPT = """
            name = "metacrypt"
            node = "rift"
            active = true

            [[components]]
            name = "api"
            image = "mcr.svc.mcp.metacircular.net:8443/metacrypt:latest"
            network = "docker_default"
            user = "0:0"
            restart = "unless-stopped"
            ports = ["127.0.0.1:18443:8443", "127.0.0.1:19443:9443"]
            volumes = ["/srv/metacrypt:/srv/metacrypt"]

            [[components]]
            name = "web"
            image = "mcr.svc.mcp.metacircular.net:8443/metacrypt-web:latest"
            network = "docker_default"
            user = "0:0"
            restart = "unless-stopped"
            ports = ["127.0.0.1:18080:8080"]
            volumes = ["/srv/metacrypt:/srv/metacrypt"]
            cmd = ["server", "--config", "/srv/metacrypt/metacrypt.toml"]
            env = ["LOG_LEVEL=debug"]
            """;

    static final ServiceDefinition METACRYPT_DEF = new ServiceDefinition("rift", new ServiceSpec("metacrypt", true, List.of(
            new ComponentSpec("api", "mcr.svc.mcp.metacircular.net:8443/metacrypt:latest", "docker_default", "0:0",
                    "unless-stopped", List.of("127.0.0.1:18443:8443", "127.0.0.1:19443:9443"),
                    List.of("/srv/metacrypt:/srv/metacrypt"), List.of(), List.of()),
            new ComponentSpec("web", "mcr.svc.mcp.metacircular.net:8443/metacrypt-web:latest", "docker_default", "0:0",
                    "unless-stopped", List.of("127.0.0.1:18080:8080"), List.of("/srv/metacrypt:/srv/metacrypt"),
                    List.of("server", "--config", "/srv/metacrypt/metacrypt.toml"), List.of("LOG_LEVEL=debug")))));

    @TempDir
    Path dir;

    private List<String> problems(String text) {
        try {
            TomlDefinitionStore.parse(text, "svc.toml", Optional.of("svc"));
        } catch (InvalidInputException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void givenTheDesignsExample_find_readsEveryField() throws IOException {
        Files.writeString(dir.resolve("metacrypt.toml"), METACRYPT);

        assertThat(new TomlDefinitionStore(dir).find("metacrypt")).contains(METACRYPT_DEF);
    }

    @Test
    void givenNoActiveKey_parse_defaultsToActive() {
        ServiceDefinition def = TomlDefinitionStore.parse("""
                name = "mc-proxy"
                node = "rift"
                [[components]]
                name = "mc-proxy"
                image = "mcr.example.net/mc-proxy:v1"
                """, "mc-proxy.toml", Optional.empty());

        assertThat(def.spec().active()).isTrue();
        assertThat(def.spec().components()).containsExactly(ComponentSpec.of("mc-proxy", "mcr.example.net/mc-proxy:v1"));
    }

    @Test
    void givenTypeErrorsUnknownKeysAndInvalidValues_parse_reportsEveryProblemInDocumentOrder() {
        assertThat(problems("""
                name = "svc"
                node = "rift"
                active = "yes"
                colour = "blue"

                [[components]]
                name = "api"
                image = "registry.test/svc:v1"
                ports = "8080:80"
                volumes = [3]

                [[components]]
                name = "web"
                image = "registry.test/web:v1"
                ports = ["8080"]
                env = ["NOEQUALS"]
                command = ["x"]
                """)).containsExactly(
                "svc.toml: colour: unknown key \"colour\"; allowed keys: name, node, active, components",
                "svc.toml: active: must be a boolean (true or false), not a string",
                "svc.toml: components[0].ports: must be an array of strings, not a string",
                "svc.toml: components[0].volumes[0]: must be a string, not an integer",
                "svc.toml: components[1].command: unknown key \"command\"; allowed keys in components[1]: "
                        + "name, image, network, user, restart, ports, volumes, cmd, env",
                "svc.toml: components[1].ports[0]: \"8080\" is not host:container (for example \"127.0.0.1:8080:80\" or \"8080:80/tcp\")",
                "svc.toml: components[1].env[0]: \"NOEQUALS\" is not KEY=VALUE with KEY of letters, digits and '_'");
    }

    @Test
    void givenMissingFields_parse_reportsEachRequiredOne() {
        assertThat(problems("active = true\n")).containsExactly(
                "svc.toml: node: is required",
                "svc.toml: name: is required",
                "svc.toml: components: at least one [[components]] block is required");
    }

    @Test
    void givenComponentsThatAreNotBlocks_parse_reportsTheShapeOnce() {
        assertThat(problems("name = \"svc\"\nnode = \"rift\"\ncomponents = \"api\"\n"))
                .containsExactly("svc.toml: components: must be [[components]] blocks, not a string");
    }

    @Test
    void givenNotToml_parse_reportsTheParsersMessageWithItsLine() {
        assertThat(problems("name = \"svc\"\nnode = rift\n"))
                .singleElement().asString().startsWith("svc.toml: not valid TOML: ").contains("line 2");
    }

    @Test
    void givenNameThatDiffersFromTheFileName_find_reportsIt() throws IOException {
        Files.writeString(dir.resolve("metacrypt.toml"), METACRYPT.replace("name = \"metacrypt\"", "name = \"mcr\""));

        assertThatThrownBy(() -> new TomlDefinitionStore(dir).find("metacrypt"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems()).containsExactly(
                        new Problem(dir.resolve("metacrypt.toml") + ": name", "\"mcr\" does not match the file name metacrypt.toml")));
    }

    @Test
    void givenExplicitFile_read_doesNotRequireTheFileNameToMatch() throws IOException {
        Path file = Files.writeString(dir.resolve("mcp-service.toml"), METACRYPT);

        assertThat(new TomlDefinitionStore(dir.resolve("elsewhere")).read(file)).isEqualTo(METACRYPT_DEF);
    }

    @Test
    void givenInvalidFile_theMessageStartsWithThePathForASingleProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("svc.toml"), "name = \"svc\"\nnode = \"rift\"\n");

        assertThatThrownBy(() -> new TomlDefinitionStore(dir).read(file))
                .hasMessage(file + ": components: at least one [[components]] block is required");
    }

    @Test
    void givenNoFile_find_isEmptyAndRead_isNotFound() {
        TomlDefinitionStore store = new TomlDefinitionStore(dir);

        assertThat(store.find("nosuch")).isEmpty();
        assertThatThrownBy(() -> store.read(dir.resolve("nosuch.toml"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nosuch.toml: no such file");
    }

    @Test
    void givenAServiceNameThatIsAPath_find_rejectsItBeforeTouchingTheFileSystem() {
        assertThatThrownBy(() -> new TomlDefinitionStore(dir).find("../etc/passwd")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void givenSeveralFiles_all_readsThemInNameOrderAndReportsEveryBadFile() throws IOException {
        Files.writeString(dir.resolve("metacrypt.toml"), METACRYPT);
        Files.writeString(dir.resolve("mc-proxy.toml"), TomlWriter.render(new ServiceDefinition("rift",
                new ServiceSpec("mc-proxy", true, List.of(ComponentSpec.of("mc-proxy", "mcr.example.net/mc-proxy:v1"))))));
        TomlDefinitionStore store = new TomlDefinitionStore(dir);

        assertThat(store.all()).extracting(d -> d.spec().name()).containsExactly("mc-proxy", "metacrypt");

        Files.writeString(dir.resolve("a.toml"), "name = \"a\"\n");
        Files.writeString(dir.resolve("b.toml"), "name = \"b\"\nnode = \"rift\"\n");
        assertThatThrownBy(store::all).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.problems()).extracting(Problem::field)
                        .contains(dir.resolve("a.toml") + ": node", dir.resolve("b.toml") + ": components"));
    }

    @Test
    void givenMissingDirectory_all_isEmpty() {
        assertThat(new TomlDefinitionStore(dir.resolve("none")).all()).isEmpty();
    }
}
