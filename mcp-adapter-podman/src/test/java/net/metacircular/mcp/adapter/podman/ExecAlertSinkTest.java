package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.Alert;
import net.metacircular.mcp.domain.AlertType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecAlertSinkTest {
    private static final Alert HOSTILE = new Alert(AlertType.DRIFT, "rift", "app", "api;rm -rf /", "running", "exited",
            "running", 1, Instant.parse("2026-11-26T00:00:00Z"));

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private static void await(Path file) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void alertCommand_receivesExactlyTheMcpVariablesAndItsOwnArgv_andNothingOfTheContainerInArgv() throws Exception {
        Path out = dir.resolve("env.txt");
        Path args = dir.resolve("args.txt");
        Path s = script("notify", "env > " + out + ".tmp; mv " + out + ".tmp " + out + "; echo \"$@\" > " + args);
        try (ExecAlertSink sink = new ExecAlertSink(List.of(s.toString(), "--tag", "mcp"), Duration.ofSeconds(5),
                Map.of("PATH", "/usr/bin:/bin", "MCP_TOKEN", "secret", "AWS_SECRET", "x"))) {
            sink.send(HOSTILE);
            await(out);
        }

        Map<String, String> env = Files.readAllLines(out).stream().filter(l -> l.startsWith("MCP_"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        assertThat(env).isEqualTo(HOSTILE.environment());
        assertThat(Files.readString(out)).doesNotContain("secret").doesNotContain("AWS_SECRET");
        assertThat(Files.readString(args).strip()).isEqualTo("--tag mcp");
    }

    @Test
    void slowAlertCommand_neitherDelaysSend_norOutlivesItsTimeout() throws Exception {
        Path pidFile = dir.resolve("pid");
        Path s = script("slow", "echo $$ > " + pidFile + "; sleep 30");
        try (ExecAlertSink sink = new ExecAlertSink(List.of(s.toString()), Duration.ofMillis(500), Map.of("PATH", "/usr/bin:/bin"))) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                sink.send(HOSTILE);
            }
            // One blocking send would take the 500 ms timeout: well under that proves none waited for the command.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(400));
            await(pidFile);
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Thread.sleep(1500);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void missingOrFailingAlertCommand_isLogged_andLaterAlertsStillRun() throws Exception {
        Path out = dir.resolve("second");
        Path s = script("second", "touch " + out);
        try (ExecAlertSink missing = new ExecAlertSink(List.of(dir.resolve("nope").toString()), Duration.ofSeconds(1), Map.of());
             ExecAlertSink failing = new ExecAlertSink(List.of(script("fail", "echo broken >&2; exit 3").toString()),
                     Duration.ofSeconds(1), Map.of());
             ExecAlertSink works = new ExecAlertSink(List.of(s.toString()), Duration.ofSeconds(1), Map.of())) {
            missing.send(HOSTILE);
            failing.send(HOSTILE);
            works.send(HOSTILE);
            await(out);
        }
        assertThat(out).exists();
    }

    @Test
    void emptyAlertCommand_runsNothing() {
        try (ExecAlertSink sink = new ExecAlertSink(List.of(), Duration.ofSeconds(1), Map.of())) {
            sink.send(HOSTILE);
        }
    }
}
