package net.metacircular.mcp.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.metacircular.mcp.application.FileTransfers;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.PreconditionException;

/**
 * Push and pull over the real filesystem with generated service names and paths, against a data root planted with
 * every kind of escape (a directory symlink, a file symlink, a dangling symlink, a hard link, a symlinked service
 * directory, all leading out): no generated path ever writes or reads outside its service's directory, a refusal is
 * always one of the domain's exceptions, and no temporary file is left behind. The directory is a fresh temporary
 * directory per property (jqwik has no {@code @TempDir}), removed afterwards.
 */
class LocalServiceFilesPropertyTest {
    private static final byte[] SECRET = "outside\n".getBytes(StandardCharsets.UTF_8);
    private Path tmp;
    private Path srv;
    private Path outside;
    private FileTransfers files;

    @BeforeProperty
    void plant() throws IOException {
        tmp = Files.createTempDirectory("mcp-files-prop-");
        srv = Files.createDirectories(tmp.resolve("srv"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.write(outside.resolve("secret"), SECRET);
        Path mcr = Files.createDirectories(srv.resolve("mcr/certs"));
        Files.write(mcr.resolve("a.pem"), "pem\n".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(srv.resolve("mcr/link"), outside);
        Files.createSymbolicLink(srv.resolve("mcr/filelink"), outside.resolve("secret"));
        Files.createSymbolicLink(srv.resolve("mcr/dangling"), outside.resolve("created"));
        Files.createSymbolicLink(srv.resolve("mcr/certs/up"), srv);
        Files.createLink(srv.resolve("mcr/hard"), outside.resolve("secret"));
        Files.createSymbolicLink(srv.resolve("evil"), outside);
        files = new FileTransfers(new LocalServiceFiles(srv));
    }

    @AfterProperty
    void removeAll() throws IOException {
        Files.walkFileTree(tmp, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Property(seed = "7601", tries = 400)
    void noGeneratedPath_writesOrReadsOutsideItsServiceDirectory(@ForAll("services") String service,
                                                                @ForAll("paths") String path,
                                                                @ForAll("contents") byte[] content) throws IOException {
        Map<String, String> outsideBefore = tree(outside);

        boolean pushed = attempt(() -> files.push(service, path, content, OptionalInt.empty()));
        FileContent[] pulled = new FileContent[1];
        boolean read = attempt(() -> pulled[0] = files.pull(service, path));

        Statistics.label("push").collect(pushed ? "written" : "refused");
        Statistics.label("pull").collect(read ? "read" : "refused");
        assertThat(tree(outside)).as("outside after push/pull of %s/%s", service, path).isEqualTo(outsideBefore);
        assertThat(Files.readAllBytes(outside.resolve("secret"))).isEqualTo(SECRET);
        assertThat(outside.resolve("created")).doesNotExist();
        assertNoTemporaryFiles();
        if (pushed || read) {
            Path target = srv.resolve(service).resolve(path);
            assertThat(noLinkBetween(srv, target)).as("%s/%s reached through a link", service, path).isTrue();
            assertThat(Files.getAttribute(target, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1);
            assertThat(target.toRealPath().startsWith(srv.resolve(service).toRealPath())).isTrue();
            if (pushed) {
                assertThat(Files.readAllBytes(target)).isEqualTo(content);
            }
            if (read) {
                assertThat(pulled[0].bytes()).isEqualTo(Files.readAllBytes(target));
            }
        }
    }

    /** Runs an operation: true when it succeeded, false when it was refused with one of the domain's exceptions. */
    private static boolean attempt(Runnable op) {
        try {
            op.run();
            return true;
        } catch (InvalidInputException | NotFoundException | PreconditionException refused) {
            return false;
        }
    }

    /** True when no entry from {@code root} down to {@code target} is a symbolic link. */
    private static boolean noLinkBetween(Path root, Path target) {
        Path p = root;
        for (Path name : root.relativize(target)) {
            p = p.resolve(name);
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(srv)) {
            assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.matches("\\.mcp-push-[0-9a-f]{16}"));
        }
    }

    private static Map<String, String> tree(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                out.put(dir.relativize(p).toString(), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir"
                        : Files.isSymbolicLink(p) ? "link" : "file " + Files.size(p) + " " + Files.getLastModifiedTime(p)
                        + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return out;
    }

    @Provide
    Arbitrary<String> services() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("mcr", "fresh")), Tuple.of(2, Arbitraries.just("evil")),
                Tuple.of(1, Arbitraries.of("..", ".", "", "mcr/..", "-x", "MCR", "mcr\0", "../outside")));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("certs", "a.pem", "new", "x.toml", "...", "-rf", ".mcp-push-0", "..a")),
                Tuple.of(3, Arbitraries.of("link", "filelink", "dangling", "hard", "up")),
                Tuple.of(1, Arbitraries.of("..", ".", "", "\0", "a\0b", "..\0", "\n", "y".repeat(256))));
        return Arbitraries.frequencyOf(
                Tuple.of(10, segment.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join("/", s))),
                Tuple.of(1, segment.list().ofMinSize(1).ofMaxSize(3).map(s -> "/" + String.join("/", s))),
                Tuple.of(1, Arbitraries.of(outside.toString() + "/secret", "a/".repeat(520) + "x")));
    }

    @Provide
    Arbitrary<byte[]> contents() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    }
}
