package net.metacircular.mcp.adapter.toml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting {@code active}, exporting, drafting and committing definition files. */
class DefinitionFileEditsTest {
    private static final String COMMENTED = """
            # metacrypt, hand-written
            name   = "metacrypt"     # aligned on purpose
            node = "rift"
            active = true # on

            [[components]]
            # api first
            name = "api"
            image = "reg/metacrypt:v1"
            active_note = "not a key of the service"
            """;

    @TempDir
    Path dir;

    @Test
    void setActive_changesOnlyTheValueOfTheActiveLine_keepingItsComment() {
        assertThat(ActiveLine.set(COMMENTED, false)).contains(COMMENTED.replace("active = true # on", "active = false # on"));
        assertThat(ActiveLine.set(COMMENTED, true)).contains(COMMENTED);
    }

    @Test
    void setActive_insertsTheLineAfterNodeWhenAbsent_withTheFileLineEndings() {
        String crlf = "name = \"a\"\r\nnode = \"rift\"\r\n\r\n[[components]]\r\nname = \"a\"\r\n";

        assertThat(ActiveLine.set(crlf, false)).contains(
                "name = \"a\"\r\nnode = \"rift\"\r\nactive = false\r\n\r\n[[components]]\r\nname = \"a\"\r\n");
        assertThat(ActiveLine.set("name = \"a\"\nnode = \"rift\"", true)).contains("name = \"a\"\nnode = \"rift\"\nactive = true");
    }

    @Test
    void setActive_neverTouchesKeysInsideComponentTables() {
        String text = "name = \"a\"\nnode = \"rift\"\n[[components]]\nactive = true\n";

        assertThat(ActiveLine.set(text, false)).contains("name = \"a\"\nnode = \"rift\"\nactive = false\n[[components]]\nactive = true\n");
    }

    @Test
    void storeSetActive_writesAtomicallyKeepingPermissions_andReportsFilesThatDoNotExist() throws Exception {
        String text = COMMENTED.replace("active_note = \"not a key of the service\"\n", "");
        Path file = Files.writeString(dir.resolve("metacrypt.toml"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        TomlDefinitionStore store = new TomlDefinitionStore(dir);

        assertThat(store.setActive("metacrypt", false)).contains(file);

        assertThat(Files.readString(file)).isEqualTo(text.replace("active = true # on", "active = false # on"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(store.find("metacrypt").orElseThrow().spec().active()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        assertThat(store.setActive("nosuch", false)).isEmpty();
    }

    @Test
    void storeSetActive_followsASymlinkAndKeepsIt() throws Exception {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("repo")).resolve("svc.toml"),
                "name = \"svc\"\nnode = \"rift\"\n\n[[components]]\nname = \"svc\"\nimage = \"reg/svc:v1\"\n");
        Path services = Files.createDirectories(dir.resolve("services"));
        Path link = Files.createSymbolicLink(services.resolve("svc.toml"), real);

        new TomlDefinitionStore(services).setActive("svc", false);

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("node = \"rift\"\nactive = false\n");
    }

    private static ServiceDefinition def() {
        return new ServiceDefinition("rift", new ServiceSpec("metacrypt", true, List.of(new ComponentSpec("api",
                "reg/metacrypt:v1", "podman", "0:0", "unless-stopped", List.of("127.0.0.1:8443:8443"),
                List.of("/srv/m:/srv/m:ro"), List.of("server"), List.of("A=1")))));
    }

    @Test
    void write_rendersTheDefinitionSoItReadsBackEqual() {
        TomlDefinitionStore store = new TomlDefinitionStore(dir);

        Path written = store.write(def(), Optional.empty());

        assertThat(written).isEqualTo(dir.resolve("metacrypt.toml"));
        assertThat(store.find("metacrypt")).contains(def());
        Path other = store.write(def(), Optional.of(dir.resolve("elsewhere/m.toml")));
        assertThat(store.read(other)).isEqualTo(def());
    }

    @Test
    void draftAndCommit_replaceTheFileWithAValidDraft_andKeepAnInvalidOne() throws Exception {
        TomlDefinitionStore store = new TomlDefinitionStore(dir);
        Path draft = store.draft("metacrypt", DefinitionFileEditsTest::def);
        assertThat(Files.readString(draft)).isEqualTo(TomlWriter.render(def()));
        assertThat(Files.getPosixFilePermissions(draft)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Files.writeString(draft, "name = \"metacrypt\"\nnode = \"rift\"\n\n[[components]]\nname = \"Bad\"\nimage = \"x\"\n");
        assertThatThrownBy(() -> store.commit("metacrypt", draft)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(draft + ": components[0].name");
        assertThat(draft).exists();
        assertThat(dir.resolve("metacrypt.toml")).doesNotExist();

        String edited = "# mine\n" + TomlWriter.render(def());
        Files.writeString(draft, edited);
        assertThat(store.commit("metacrypt", draft)).isEqualTo(dir.resolve("metacrypt.toml"));
        assertThat(Files.readString(dir.resolve("metacrypt.toml"))).isEqualTo(edited);
        assertThat(draft).doesNotExist();
    }
}
