package net.metacircular.mcp.adapter.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.metacircular.mcp.application.FileTransfers;
import net.metacircular.mcp.domain.PreconditionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pushes onto a filesystem that is full or read-only, and many pushes racing for one path. The full and read-only
 * filesystems are real: a small tmpfs mounted by the test under its temporary directory (tests run as root, where
 * permission bits would not stop a write) and unmounted afterwards. Without the right to mount, these tests fail.
 */
class LocalServiceFilesFaultsTest {
    private static final byte[] OLD = "old content, still whole\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    private final List<Path> mounted = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounted.reversed()) {
            run("umount", m.toString());
        }
    }

    @Test
    void givenAFullFilesystem_push_failsWithPreconditionAndLeavesNoPartialFileAndTheOldOneWhole() throws Exception {
        Path srv = tmpfs("full", "size=256k");
        Files.createDirectories(srv.resolve("mcr"));
        Files.write(srv.resolve("mcr/app.toml"), OLD);
        FileTransfers files = new FileTransfers(new LocalServiceFiles(srv));
        byte[] big = pattern(1024 * 1024, (byte) 'x');

        assertThatThrownBy(() -> files.push("mcr", "app.toml", big, OptionalInt.empty()))
                .isInstanceOf(PreconditionException.class)
                .hasMessageContaining("cannot write mcr/app.toml").hasMessageContaining("No space left on device");
        assertThatThrownBy(() -> files.push("mcr", "new.bin", big, OptionalInt.empty()))
                .isInstanceOf(PreconditionException.class).hasMessageContaining("No space left on device");

        assertThat(Files.readAllBytes(srv.resolve("mcr/app.toml"))).isEqualTo(OLD);
        assertThat(names(srv.resolve("mcr"))).containsExactly("app.toml");
        // the space the failed temporary files took was given back: a small push still fits
        files.push("mcr", "small.txt", OLD, OptionalInt.empty());
        assertThat(Files.readAllBytes(srv.resolve("mcr/small.txt"))).isEqualTo(OLD);
    }

    @Test
    void givenAReadOnlyFilesystem_push_failsWithPreconditionAndChangesNothing() throws Exception {
        Path srv = tmpfs("ro", "size=256k");
        Files.createDirectories(srv.resolve("mcr"));
        Files.write(srv.resolve("mcr/app.toml"), OLD);
        run("mount", "-o", "remount,ro", srv.toString());
        FileTransfers files = new FileTransfers(new LocalServiceFiles(srv));

        assertThatThrownBy(() -> files.push("mcr", "app.toml", "new\n".getBytes(StandardCharsets.UTF_8), OptionalInt.empty()))
                .isInstanceOf(PreconditionException.class).hasMessageContaining("Read-only file system");
        assertThatThrownBy(() -> files.push("newsvc", "certs/a.pem", OLD, OptionalInt.empty()))
                .isInstanceOf(PreconditionException.class);

        assertThat(Files.readAllBytes(srv.resolve("mcr/app.toml"))).isEqualTo(OLD);
        assertThat(names(srv)).containsExactly("mcr");
        assertThat(names(srv.resolve("mcr"))).containsExactly("app.toml");
        // reads still work on a read-only filesystem
        assertThat(files.pull("mcr", "app.toml").bytes()).isEqualTo(OLD);
    }

    @Test
    void givenManyConcurrentPushesToOnePath_oneCompleteFileRemains_equalToOneOfThem_andNoTemporaryFiles() throws Exception {
        Path srv = Files.createDirectories(tmp.resolve("srv"));
        FileTransfers files = new FileTransfers(new LocalServiceFiles(srv));
        int writers = 24;
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            // different sizes too, so a torn or mixed file cannot pass for a whole one
            contents.add(pattern(64 * 1024 + i * 4099, (byte) ('A' + i)));
        }
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (byte[] content : contents) {
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return files.push("mcr", "conf/shared.bin", content, OptionalInt.of(0640));
                    }));
                }
                for (Future<Integer> f : done) {
                    assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(0640);
                }
                done.clear();

                byte[] result = Files.readAllBytes(srv.resolve("mcr/conf/shared.bin"));
                assertThat(contents).anySatisfy(c -> assertThat(Arrays.equals(c, result)).isTrue());
                assertThat(names(srv.resolve("mcr/conf"))).containsExactly("shared.bin");
                assertThat(names(srv.resolve("mcr"))).containsExactly("conf");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Path tmpfs(String name, String options) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        run("mount", "-t", "tmpfs", "-o", options + ",mode=0755", "mcp-test-" + name, dir.toString());
        mounted.add(dir);
        return dir;
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", argv) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", argv) + " failed (exit " + p.exitValue() + "): " + out
                    + " -- these tests need root and the right to mount a tmpfs");
        }
    }

    private static byte[] pattern(int size, byte fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, fill);
        return b;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
