package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.metacircular.mcp.domain.PreconditionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessEditorLauncherTest {
    @TempDir
    Path dir;

    @Test
    void editorComesFromEditorThenVisualThenVi_splitIntoAnArgvWithoutAShell() {
        assertThat(ProcessEditorLauncher.command(Map.of("EDITOR", " code --wait ", "VISUAL", "emacs"))).containsExactly("code", "--wait");
        assertThat(ProcessEditorLauncher.command(Map.of("EDITOR", " ", "VISUAL", "emacs"))).containsExactly("emacs");
        assertThat(ProcessEditorLauncher.command(Map.of())).containsExactly("vi");
    }

    @Test
    void edit_runsTheEditorOnTheFileAndReturnsItsExitCode() throws Exception {
        Path file = Files.writeString(dir.resolve("a.toml"), "x");

        assertThat(new ProcessEditorLauncher(Map.of("EDITOR", "true"), Duration.ofSeconds(30)).edit(file)).isZero();
        assertThat(new ProcessEditorLauncher(Map.of("EDITOR", "false"), Duration.ofSeconds(30)).edit(file)).isEqualTo(1);
    }

    @Test
    void anEditorThatCannotStart_isAPreconditionNamingIt() {
        ProcessEditorLauncher missing = new ProcessEditorLauncher(Map.of("EDITOR", "/nonexistent/editor"), Duration.ofSeconds(5));

        assertThatThrownBy(() -> missing.edit(dir.resolve("a.toml"))).isInstanceOf(PreconditionException.class)
                .hasMessageContaining("/nonexistent/editor").hasMessageContaining("$EDITOR");
    }
}
