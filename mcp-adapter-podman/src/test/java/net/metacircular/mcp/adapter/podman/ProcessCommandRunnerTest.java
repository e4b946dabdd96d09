package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The process runner against real processes. The tests start {@code sh} to produce awkward behaviour (big output
 * on both streams, children that outlive their parent); production code never starts a shell.
 */
class ProcessCommandRunnerTest {
    private final ProcessCommandRunner runner = new ProcessCommandRunner();

    @Test
    void givenFailingCommand_whenRun_thenExitCodeAndBothStreamsReturned() {
        ExecResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(10));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void givenMegabytesOnBothStreams_whenRun_thenNoDeadlockAndEverythingRead() {
        // Far beyond a pipe's 64 KiB: a runner that reads one stream after the other, or after waitFor, hangs here.
        ExecResult r = runner.run(List.of("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' a; head -c 3000000 /dev/zero | tr '\\0' b >&2; "
                        + "head -c 1000000 /dev/zero | tr '\\0' c"), Duration.ofSeconds(30));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(4_000_000);
        assertThat(r.stderr()).hasSize(3_000_000);
    }

    @Test
    void givenArgumentsWithShellCharacters_whenRun_thenPassedLiterally() {
        ExecResult r = runner.run(List.of("printf", "%s|", "a b", "$HOME", "-v", "; rm -rf /", "`id`"), Duration.ofSeconds(10));

        assertThat(r.stdout()).isEqualTo("a b|$HOME|-v|; rm -rf /|`id`|");
    }

    @Test
    void givenExtraEnvironment_whenRun_thenTheProcessSeesItAndInheritsTheRest() {
        ExecResult r = runner.run(List.of("env"), Map.of("MCP_TEST_VALUE", "-v x"), Duration.ofSeconds(10));

        assertThat(r.stdout()).contains("MCP_TEST_VALUE=-v x\n", "PATH=");
    }

    @Test
    void givenMissingProgram_whenRun_thenBinaryMissing() {
        assertThatThrownBy(() -> runner.run(List.of("/nonexistent/podman", "ps"), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(CommandException.class, e -> {
                    assertThat(e.binaryMissing()).isTrue();
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.argv()).containsExactly("/nonexistent/podman", "ps");
                    assertThat(e.exitCode()).isEqualTo(CommandException.NO_EXIT_CODE);
                });
    }

    @Test
    void givenHungCommandWithChild_whenDeadlinePasses_thenBothAreKilledPromptly() throws InterruptedException {
        long start = System.nanoTime();
        CommandException e = (CommandException) org.assertj.core.api.Assertions.catchThrowable(() -> runner.run(
                List.of("sh", "-c", "sleep 300 & echo $! >&2; wait"), Duration.ofMillis(500)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).isNotNull();
        assertThat(e.timedOut()).isTrue();
        assertThat(e.binaryMissing()).isFalse();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(e.stderr().strip());
        for (int i = 0; i < 50 && running(child); i++) {
            Thread.sleep(100);
        }
        assertThat(running(child)).as("child sleep %d still running", child).isFalse();
    }

    /**
     * Whether a process still runs. The killed child is re-parented to PID 1 and is a zombie until PID 1 reaps it
     * (some inits take a second or two); {@link ProcessHandle#isAlive()} counts a zombie as alive.
     */
    private static boolean running(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return false;
        }
        int end = stat.lastIndexOf(')');
        char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'X';
        return state != 'Z' && state != 'X';
    }

    @Test
    void givenDaemonisedChildHoldingStdout_whenParentExits_thenRunReturns() {
        long start = System.nanoTime();
        // The child keeps the pipe open for 30 s; the runner must not wait for it, as podman's conmon could.
        ExecResult r = runner.run(List.of("sh", "-c", "echo id; (sleep 30 &) ; exit 0"), Duration.ofSeconds(20));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("id\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void givenEmptyArgv_whenRun_thenRejected() {
        assertThatThrownBy(() -> runner.run(List.of(), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
