package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipping pieces: scripts pass shellcheck, units pass systemd-analyze, the installer works and is idempotent. */
class InstallScriptIT {
    private static final Path SCRIPT = Testbed.REPO.resolve("deploy/scripts/install-agent.sh");

    private static Proc.Result install(Path root, String... more) {
        List<String> argv = new ArrayList<>(List.of(SCRIPT.toString(), "--root", root.toString(), "--dist", Testbed.DIST.toString()));
        argv.addAll(List.of(more));
        return Proc.run(Map.of(), Duration.ofMinutes(2), null, argv);
    }

    private static List<Path> files(String dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(Testbed.REPO.resolve(dir), glob)) {
            s.forEach(out::add);
        }
        return out;
    }

    @Test
    void everyScript_passesShellcheck() throws IOException {
        List<String> argv = new ArrayList<>(List.of("shellcheck", "-x"));
        for (Path p : Stream.of(files("deploy/scripts", "*.sh"), files("deploy/testbed", "*.sh"), files("deploy/launchers", "*"),
                files(".ci", "*")).flatMap(List::stream).toList()) {
            argv.add(Testbed.REPO.relativize(p).toString());
        }
        assertThat(argv).hasSizeGreaterThan(6);
        Proc.run(Map.of(), Duration.ofMinutes(2), Testbed.REPO, argv).assertOk();
    }

    @Test
    void everyUnit_passesSystemdAnalyzeVerify(@TempDir Path dir) throws IOException {
        // verify checks that ExecStart exists: point it at a stand-in, keep every other line as shipped.
        Path agent = dir.resolve("mcp-agent");
        Files.writeString(agent, "#!/bin/sh\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> argv = new ArrayList<>(List.of("systemd-analyze", "verify"));
        for (Path unit : Stream.of(files("deploy/systemd", "*.service"), files("deploy/systemd", "*.timer")).flatMap(List::stream).toList()) {
            Path copy = dir.resolve(unit.getFileName());
            Files.writeString(copy, Files.readString(unit).replace("/usr/local/bin/mcp-agent", agent.toString()));
            argv.add(copy.toString());
        }
        assertThat(argv).hasSizeGreaterThan(2);
        Proc.run(Map.of(), Duration.ofMinutes(1), null, argv).assertOk();
    }

    @Test
    void dryRun_printsThePlan_andChangesNothing(@TempDir Path root) throws IOException {
        Proc.Result r = install(root, "--dry-run").assertOk();

        assertThat(r.out()).contains("would: ").contains("/srv/mcp").contains("mcp-agent.service");
        try (var s = Files.list(root)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void install_intoAScratchRoot_createsUserRangesDirectoriesLauncherAndUnits_andIsIdempotent(@TempDir Path root) throws IOException {
        install(root).assertOk();

        assertThat(Files.readAllLines(root.resolve("etc/passwd"))).filteredOn(l -> l.startsWith("mcp:")).hasSize(1);
        assertThat(Files.readString(root.resolve("etc/subuid"))).matches("(?s)mcp:\\d+:65536\\n");
        assertThat(Files.readString(root.resolve("etc/subgid"))).matches("(?s)mcp:\\d+:65536\\n");
        for (String d : List.of("srv/mcp", "srv/mcp/certs", "srv/mcp/backups", "srv/mcp/tmp")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(d)))).as(d).isEqualTo("rwx------");
        }
        Path config = root.resolve("srv/mcp/mcp-agent.toml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(Files.readSymbolicLink(root.resolve("usr/local/bin/mcp-agent"))).isEqualTo(Path.of("/opt/mcp/bin/mcp-agent"));
        assertThat(root.resolve("etc/systemd/system/mcp-agent.service")).exists();
        Proc.run(Map.of(), Duration.ofMinutes(1), null, List.of(root.resolve("opt/mcp/bin/mcp-agent").toString(), "--version"))
                .assertOk();

        Files.writeString(config, "# the operator's edits\n");
        String passwd = Files.readString(root.resolve("etc/passwd"));
        String subuid = Files.readString(root.resolve("etc/subuid"));

        install(root).assertOk();

        assertThat(Files.readString(root.resolve("etc/passwd"))).isEqualTo(passwd);
        assertThat(Files.readString(root.resolve("etc/subuid"))).isEqualTo(subuid);
        assertThat(Files.readString(config)).isEqualTo("# the operator's edits\n");
    }
}
