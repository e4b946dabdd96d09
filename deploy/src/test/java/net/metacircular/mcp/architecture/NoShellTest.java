package net.metacircular.mcp.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Security invariant 4, at the source level where ArchUnit cannot look (string literals): no production code
 * starts a shell or hands a command line to one. Processes are argv lists, and only in the podman adapter.
 */
class NoShellTest {
    private static final Path REPO = Path.of(System.getProperty("mcp.repo", "."));
    private static final Pattern SHELL = Pattern.compile(
            "\"(/bin/|/usr/bin/)?(ba|da|z|k)?sh\"\\s*,\\s*\"-c\"|Runtime\\.getRuntime\\(\\)\\.exec|\"(/bin/|/usr/bin/)?(ba|da|z|k)?sh\"\\s*\\)");

    private static List<Path> productionSources() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPO)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(out::add);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void noProductionCode_startsAShell() throws IOException {
        List<Path> sources = productionSources();
        assertThat(sources).as("production sources found under " + REPO.toAbsolutePath()).hasSizeGreaterThan(50);
        List<String> offenders = sources.stream().filter(f -> {
            try {
                return SHELL.matcher(Files.readString(f)).find();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).map(Path::toString).toList();
        assertThat(offenders).isEmpty();
    }

    @Test
    void thePatternRecognisesAShell() {
        assertThat(SHELL.matcher("new ProcessBuilder(\"sh\", \"-c\", cmd)").find()).isTrue();
        assertThat(SHELL.matcher("List.of(\"/bin/bash\", \"-c\", cmd)").find()).isTrue();
        assertThat(SHELL.matcher("Runtime.getRuntime().exec(cmd)").find()).isTrue();
        assertThat(SHELL.matcher("List.of(\"podman\", \"ps\")").find()).isFalse();
    }
}
