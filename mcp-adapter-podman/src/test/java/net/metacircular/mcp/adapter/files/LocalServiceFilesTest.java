package net.metacircular.mcp.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.metacircular.mcp.application.FileTransfers;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The file transfer use case over the real filesystem: every escape is refused and nothing lands outside. */
class LocalServiceFilesTest {
    private static final byte[] PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private Path srv;
    private Path outside;
    private FileTransfers files;

    @BeforeEach
    void setUp() throws IOException {
        srv = Files.createDirectories(tmp.resolve("srv"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "outside\n");
        Files.createDirectories(srv.resolve("mcr"));
        files = new FileTransfers(new LocalServiceFiles(srv));
    }

    @Test
    void givenANestedCertsPath_push_createsTheDirectoryAndWritesMode0600() throws IOException {
        int mode = files.push("mcr", "certs/a.pem", PEM, OptionalInt.empty());

        Path written = srv.resolve("mcr/certs/a.pem");
        assertThat(mode).isEqualTo(0600);
        assertThat(Files.readAllBytes(written)).isEqualTo(PEM);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(srv.resolve("mcr/certs"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void givenANewService_push_createsItsDirectoryAndUses0644OutsideCerts() throws IOException {
        files.push("newsvc", "conf/app.toml", "a = 1\n".getBytes(StandardCharsets.UTF_8), OptionalInt.empty());

        assertThat(Files.readString(srv.resolve("newsvc/conf/app.toml"))).isEqualTo("a = 1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(srv.resolve("newsvc/conf/app.toml"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void givenAPushedFile_pull_returnsTheSameBytesAndMode() {
        files.push("mcr", "certs/a.pem", PEM, OptionalInt.empty());
        files.push("mcr", "mcr.toml", "x".getBytes(StandardCharsets.UTF_8), OptionalInt.of(0640));

        assertThat(files.pull("mcr", "certs/a.pem")).isEqualTo(new FileContent(PEM, 0600));
        assertThat(files.pull("mcr", "mcr.toml")).isEqualTo(new FileContent("x".getBytes(StandardCharsets.UTF_8), 0640));
    }

    @Test
    void givenAnExistingFile_push_replacesItAndLeavesNoTemporaryFile() throws IOException {
        Files.writeString(srv.resolve("mcr/mcr.toml"), "old, and longer than the new content\n");

        files.push("mcr", "mcr.toml", "new\n".getBytes(StandardCharsets.UTF_8), OptionalInt.of(0600));

        assertThat(Files.readString(srv.resolve("mcr/mcr.toml"))).isEqualTo("new\n");
        try (Stream<Path> list = Files.list(srv.resolve("mcr"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("mcr.toml");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "/etc/passwd", "a/../../x", "../outside/secret", "certs/../../../outside/secret",
            "a\0b", "x/./y", "..", "a/..", "certs/..", "../mcr/x", "a/b/../../../outside/secret", "/", "//etc/passwd",
            "/srv/mcr/x", "\0", "certs/a.pem\0.txt", "..\0/x", "x\n", "./x", ".", "x/", "a//b", ""})
    void givenATraversalOrBadPath_pushAndPull_areRefusedAndWriteNothing(String path) throws IOException {
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", path, PEM, OptionalInt.empty())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> files.pull("mcr", path)).isInstanceOf(InvalidInputException.class);

        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenAnOverlongPath_push_isRefused() throws IOException {
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "a/".repeat(520) + "x", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> files.push("mcr", "y".repeat(256), PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("255");
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenAnOverlongPath_pull_isRefused() {
        assertThatThrownBy(() -> files.pull("mcr", "a/".repeat(520) + "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> files.pull("mcr", "y".repeat(256)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("255");
    }

    @Test
    void givenADanglingSymlinkPointingOutside_push_isRefusedAndCreatesNothingAtItsTarget() throws IOException {
        Files.createSymbolicLink(srv.resolve("mcr/new.pem"), outside.resolve("created.pem"));
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "new.pem", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");

        assertThat(outside.resolve("created.pem")).doesNotExist();
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenASymlinkDeeperInThePathPointingOutside_pushAndPull_areRefusedAndWriteNothing() throws IOException {
        Files.createDirectories(srv.resolve("mcr/a/b"));
        Files.createSymbolicLink(srv.resolve("mcr/a/b/c"), outside);
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "a/b/c/d/new.pem", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"mcr/a/b/c\" is a symbolic link");
        assertThatThrownBy(() -> files.pull("mcr", "a/b/c/secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");

        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(outside.resolve("d")).doesNotExist();
    }

    @Test
    void givenAHardLinkFromOutsideIntoTheService_push_isRefusedAndTheOutsideNameStillSeesTheOldContent() throws IOException {
        Files.writeString(srv.resolve("mcr/app.toml"), "inside\n");
        Files.createLink(outside.resolve("twin"), srv.resolve("mcr/app.toml"));

        assertThatThrownBy(() -> files.push("mcr", "app.toml", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 hard links");
        assertThatThrownBy(() -> files.pull("mcr", "app.toml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 hard links");

        assertThat(Files.readString(outside.resolve("twin"))).isEqualTo("inside\n");
    }

    @Test
    void givenAnInvalidServiceName_push_isRefused() throws IOException {
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("..", "x", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service: ");
        assertThatThrownBy(() -> files.push("Mcr/../x", "x", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service: ");
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenADirectorySymlinkInsideTheServicePointingOutside_pushAndPull_areRefusedAndWriteNothing() throws IOException {
        Files.createSymbolicLink(srv.resolve("mcr/certs"), outside);
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "certs/a.pem", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.pull("mcr", "certs/secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");

        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(outside.resolve("a.pem")).doesNotExist();
    }

    @Test
    void givenAFileSymlinkPointingOutside_pushAndPull_areRefusedAndTheTargetIsUntouched() throws IOException {
        Files.createSymbolicLink(srv.resolve("mcr/mcr.toml"), outside.resolve("secret"));
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "mcr.toml", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> files.pull("mcr", "mcr.toml"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");

        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("outside\n");
    }

    @Test
    void givenASymlinkInsideTheServicePointingInside_push_isStillRefused() throws IOException {
        Files.createDirectories(srv.resolve("mcr/real"));
        Files.createSymbolicLink(srv.resolve("mcr/alias"), srv.resolve("mcr/real"));

        assertThatThrownBy(() -> files.push("mcr", "alias/x", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("symbolic link");
        assertThat(srv.resolve("mcr/real/x")).doesNotExist();
    }

    @Test
    void givenASymlinkedServiceDirectory_pushAndPull_areRefused() throws IOException {
        Files.createSymbolicLink(srv.resolve("evil"), outside);
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("evil", "a.pem", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"evil\" is a symbolic link");
        assertThatThrownBy(() -> files.pull("evil", "secret"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"evil\" is a symbolic link");

        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenAHardLinkToAFileOutside_pushAndPull_areRefusedAndTheFileIsUntouched() throws IOException {
        Files.createLink(srv.resolve("mcr/linked"), outside.resolve("secret"));
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "linked", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hard links");
        assertThatThrownBy(() -> files.pull("mcr", "linked"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hard links");

        assertThat(tree(tmp)).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("outside\n");
    }

    @Test
    void givenADirectoryAtThePath_push_isRefusedAndLeavesNoTemporaryFile() throws IOException {
        Files.createDirectories(srv.resolve("mcr/conf"));
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "conf", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a regular file");
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenAFileWhereADirectoryIsNeeded_push_isRefused() throws IOException {
        Files.writeString(srv.resolve("mcr/certs"), "a file\n");

        assertThatThrownBy(() -> files.push("mcr", "certs/a.pem", PEM, OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a directory");
    }

    @Test
    void givenAMissingFileOrService_pull_isNotFound() {
        assertThatThrownBy(() -> files.pull("mcr", "nope.toml")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.pull("mcr", "no/such/dir.toml")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> files.pull("ghost", "x")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void givenOversizeContentOrASetIdMode_push_isRefusedWithTheLimit() throws IOException {
        Map<String, String> before = tree(tmp);

        assertThatThrownBy(() -> files.push("mcr", "big", new byte[FileContent.MAX_BYTES + 1], OptionalInt.empty()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(Integer.toString(FileContent.MAX_BYTES));
        assertThatThrownBy(() -> files.push("mcr", "suid", PEM, OptionalInt.of(04755)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mode");
        assertThat(tree(tmp)).isEqualTo(before);
    }

    @Test
    void givenAnOversizeFileOnDisk_pull_isRefusedWithTheLimit() throws IOException {
        Files.write(srv.resolve("mcr/big"), new byte[FileContent.MAX_BYTES + 1]);

        assertThatThrownBy(() -> files.pull("mcr", "big"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(Integer.toString(FileContent.MAX_BYTES));
    }

    @Test
    void modeConversion_roundTrips() {
        for (int mode : new int[] {0, 0600, 0644, 0755, 0777, 0640, 0400}) {
            assertThat(LocalServiceFiles.mode(LocalServiceFiles.permissions(mode))).isEqualTo(mode);
        }
    }

    /** Every entry below {@code dir}: type, and content for files; links are not followed. */
    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(key, "link -> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.put(key, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else {
                    out.put(key, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " "
                            + new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).hashCode());
                }
            }
        }
        return out;
    }
}
