package net.metacircular.mcp.adapter.podman;

import static net.metacircular.mcp.adapter.podman.PodmanJsonTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import org.junit.jupiter.api.Test;

/** The argv the podman adapter builds and how it reads podman's answers, against a scripted command runner. */
class PodmanRuntimeTest {
    private static final String IMAGE = "127.0.0.1:45000/mcp-test/busybox:v1";
    private final ScriptedRunner runner = new ScriptedRunner();
    private final PodmanRuntime podman = new PodmanRuntime(runner, PodmanSettings.defaults()
            .withBinary("/usr/bin/podman").withEnvironment(Map.of("CONTAINERS_CONF", "/x/containers.conf")));

    @Test
    void givenFullSpec_whenRun_thenEveryFlagValueIsOneElementAndImageThenCmdFollow() {
        runner.answer(0, "Trying to pull...\ncafe01\n", "");
        ComponentSpec spec = new ComponentSpec("api", IMAGE, "mcp", "1000:1000", "always",
                List.of("127.0.0.1:18080:8080"), List.of("/srv/api:/data:ro"), List.of("sleep", "-1", "--help"),
                List.of("X=-v", "Y=--privileged"));

        String id = podman.run("svc-api", spec);

        assertThat(id).isEqualTo("cafe01");
        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "run", "-d", "--name=svc-api",
                "--network=mcp", "--user=1000:1000", "--restart=always", "--publish=127.0.0.1:18080:8080",
                "--volume=/srv/api:/data:ro", "--env=X=-v", "--env=Y=--privileged", IMAGE, "sleep", "-1", "--help");
        assertThat(runner.calls.getFirst().env()).containsEntry("CONTAINERS_CONF", "/x/containers.conf");
        assertThat(runner.calls.getFirst().timeout()).isEqualTo(PodmanSettings.DEFAULT_PULL_TIMEOUT);
    }

    @Test
    void givenBareSpec_whenRun_thenNoEmptyFlags() {
        runner.answer(0, "beef\n", "");

        podman.run("web", ComponentSpec.of("web", IMAGE));

        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "run", "-d", "--name=web", IMAGE);
    }

    @Test
    void givenDashOrControlCharacters_whenUsedAsNameOrImage_thenRejectedWithoutCallingPodman() {
        assertThatThrownBy(() -> podman.run("-d", ComponentSpec.of("x", IMAGE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.run("web", ComponentSpec.of("x", "--privileged"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.pull("-q")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.inspect("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.stop("--all", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.remove("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> podman.imageId("x\ny")).isInstanceOf(IllegalArgumentException.class);
        assertThat(runner.calls).isEmpty();
    }

    @Test
    void whenListed_thenOnePsCallParsed() {
        runner.answer(0, resource("ps.json"), "");

        assertThat(podman.list()).hasSize(3);
        assertThat(runner.calls).hasSize(1);
        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "ps", "-a", "--format", "json");
        assertThat(runner.calls.getFirst().timeout()).isEqualTo(PodmanSettings.DEFAULT_CALL_TIMEOUT);
    }

    @Test
    void whenListedByName_thenOnePsCallWithAnchoredEscapedFilters_andOnlyExactNamesKept() {
        runner.answer(0, resource("ps.json"), "");
        List<String> names = podman.list().stream().map(net.metacircular.mcp.domain.ContainerInfo::name).toList();
        runner.calls.clear();
        runner.answer(0, resource("ps.json"), ""); // podman's answer holds more than asked: exact names are kept

        var listed = podman.list(java.util.Set.of(names.get(1), "web.v2"));

        assertThat(listed).extracting(net.metacircular.mcp.domain.ContainerInfo::name).containsExactly(names.get(1));
        assertThat(runner.calls).singleElement().satisfies(c -> assertThat(c.argv()).containsExactly("/usr/bin/podman",
                "ps", "-a", "--format", "json", "--filter", "name=^" + names.get(1) + "$", "--filter", "name=^web\\.v2$"));
        assertThat(podman.list(java.util.Set.of())).isEmpty();
        assertThat(runner.calls).hasSize(1);
        assertThatThrownBy(() -> podman.list(java.util.Set.of("--all"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenStoppedAndRemoved_thenOneRmCallWithTheGraceAsItsTime() {
        runner.answer(0, "web\n", "");

        podman.stopAndRemove("web", Duration.ofSeconds(30));

        assertThat(runner.calls).singleElement().satisfies(c -> assertThat(c.argv())
                .containsExactly("/usr/bin/podman", "rm", "--force", "--ignore", "--time=30", "web"));
    }

    @Test
    void whenInspected_thenContainerThenItsImageAreInspected() {
        runner.answer(0, resource("container-inspect-running.json"), "");
        runner.answer(0, resource("image-inspect-v1.json"), "");

        var d = podman.inspect("cap-web").orElseThrow();

        assertThat(d.spec().env()).containsExactly("GREETING=hello", "X=-v");
        assertThat(runner.calls.get(0).argv()).containsExactly("/usr/bin/podman", "container", "inspect", "cap-web");
        assertThat(runner.calls.get(1).argv()).containsExactly("/usr/bin/podman", "image", "inspect",
                "10ae2c4ca4683be77dac6c6af520966d980075fb941396553a15bbf021cd0f27");
    }

    @Test
    void givenNoSuchContainer_whenInspected_thenEmpty() {
        runner.answer(125, "[]\n", "Error: inspecting object: no such container nosuch\n");

        assertThat(podman.inspect("nosuch")).isEmpty();
    }

    @Test
    void givenImageGoneSinceCreation_whenInspected_thenSpecKeepsEverythingButPodmansOwnVariables() {
        runner.answer(0, resource("container-inspect-running.json"), "");
        runner.answer(125, "[]\n", "Error: inspecting object: 10ae2c4ca468: image not known\n");

        assertThat(podman.inspect("cap-web").orElseThrow().spec().env()).containsExactly("GREETING=hello", "PATH=/bin", "X=-v");
    }

    @Test
    void whenStoppedOrRemoved_thenMissingContainersAreIgnoredByPodman() {
        runner.answer(0, "", "");
        runner.answer(0, "", "");

        podman.stop("web", Duration.ofMillis(1500));
        podman.remove("web");

        assertThat(runner.calls.get(0).argv()).containsExactly("/usr/bin/podman", "stop", "--ignore", "--time=2", "web");
        assertThat(runner.calls.get(0).timeout()).isEqualTo(Duration.ofMillis(1500)
                .plus(PodmanSettings.DEFAULT_STOP_GRACE).plus(PodmanSettings.DEFAULT_CALL_TIMEOUT));
        assertThat(runner.calls.get(1).argv()).containsExactly("/usr/bin/podman", "rm", "--ignore", "web");
    }

    @Test
    void whenPulled_thenQuietPullWithThePullDeadlineReturnsTheId() {
        runner.answer(0, "5779a50c1b51\n", "");

        assertThat(podman.pull(IMAGE)).isEqualTo("5779a50c1b51");
        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "pull", "--quiet", IMAGE);
        assertThat(runner.calls.getFirst().timeout()).isEqualTo(PodmanSettings.DEFAULT_PULL_TIMEOUT);
    }

    @Test
    void givenRegistryMiss_whenPulled_thenFailureIsNotUnavailability() {
        runner.answer(125, "", "Error: initializing source docker://127.0.0.1:45000/mcp-test/nosuch:v1: reading manifest v1"
                + " in 127.0.0.1:45000/mcp-test/nosuch: manifest unknown: manifest unknown\n");

        assertThatThrownBy(() -> podman.pull("127.0.0.1:45000/mcp-test/nosuch:v1"))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).contains("pull 127.0.0.1:45000/mcp-test/nosuch:v1", "exit 125", "manifest unknown");
                    assertThat(e.getCause()).isInstanceOfSatisfying(CommandException.class, c -> {
                        assertThat(c.exitCode()).isEqualTo(125);
                        assertThat(c.stderr()).contains("manifest unknown");
                        assertThat(c.argv()).containsExactly("podman", "pull", "--quiet", "127.0.0.1:45000/mcp-test/nosuch:v1");
                    });
                });
    }

    @Test
    void givenNameInUse_whenRun_thenFailureIsNotUnavailabilityAndEnvStaysOutOfTheMessage() {
        runner.answer(125, "", "Error: creating container storage: the container name \"web\" is already in use by cdf8."
                + " You have to remove that container to be able to reuse that name: that name is already in use\n");

        assertThatThrownBy(() -> podman.run("web", new ComponentSpec("web", IMAGE, "", "", "", List.of(), List.of(),
                List.of(), List.of("SECRET=hunter2"))))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).contains("run web", "already in use").doesNotContain("hunter2");
                });
    }

    @Test
    void givenBrokenStorage_whenListed_thenUnavailable() {
        runner.answer(125, "", "Error: creating runtime static files directory: mkdir /tmp/cap/ro/g: read-only file system\n");

        assertThatThrownBy(podman::list).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isTrue());
    }

    @Test
    void givenMissingBinaryOrTimeout_whenCalled_thenUnavailable() {
        runner.fail(CommandException.binaryMissing(List.of("/usr/bin/podman", "ps"), new IOException("No such file")));
        assertThatThrownBy(podman::list).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isTrue());

        runner.fail(CommandException.timedOut(List.of("/usr/bin/podman", "version"), Duration.ofSeconds(30), ""));
        assertThatThrownBy(podman::version).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isTrue());
    }

    @Test
    void givenGarbageOutput_whenListed_thenUnavailable() {
        runner.answer(0, "CONTAINER ID  IMAGE  COMMAND\n", "");

        assertThatThrownBy(podman::list).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isTrue());
    }

    @Test
    void givenMissingImage_whenImageIdAsked_thenEmpty() {
        runner.answer(125, "[]\n", "Error: inspecting object: nosuch:v1: image not known\n");

        assertThat(podman.imageId("nosuch:v1")).isEmpty();
    }

    @Test
    void whenVersionAsked_thenJsonVersion() {
        runner.answer(0, resource("version.json"), "");

        assertThat(podman.version()).isEqualTo("4.3.1");
        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "version", "--format", "json");
    }

    @Test
    void whenRestarted_thenGraceInWholeSeconds() {
        runner.answer(0, "web\n", "");

        podman.restart("web", Duration.ZERO);

        assertThat(runner.calls.getFirst().argv()).containsExactly("/usr/bin/podman", "restart", "--time=0", "web");
    }

    @Test
    void givenPsState_whenListed_thenMappedStates() {
        runner.answer(0, resource("ps.json"), "");

        assertThat(podman.list()).extracting(c -> c.state())
                .containsExactly(ObservedState.RUNNING, ObservedState.EXITED, ObservedState.STOPPED);
    }

    @Test
    void givenStderrWithTerminalEscapes_whenFailing_thenMessageEscapesThem() {
        assertThat(PodmanRuntime.printable("Error: bad \u001b[31mred\u0007")).isEqualTo("bad \\x1b[31mred\\x07");
        assertThat(PodmanRuntime.printable("x".repeat(1000))).hasSize(401).endsWith("…");
    }

    /** A command runner that answers from a script and records every call. */
    private static final class ScriptedRunner implements CommandRunner {
        record Call(List<String> argv, Map<String, String> env, Duration timeout) {
        }

        final List<Call> calls = new ArrayList<>();
        private final Deque<Object> answers = new ArrayDeque<>();

        void answer(int exit, String stdout, String stderr) {
            answers.add(new ExecResult(exit, stdout, stderr));
        }

        void fail(CommandException e) {
            answers.add(e);
        }

        @Override
        public ExecResult run(List<String> argv, Map<String, String> extraEnv, Duration timeout) {
            calls.add(new Call(List.copyOf(argv), Map.copyOf(extraEnv), timeout));
            Object next = answers.poll();
            if (next == null) {
                throw new AssertionError("unexpected call " + argv);
            }
            if (next instanceof CommandException e) {
                throw e;
            }
            return (ExecResult) next;
        }
    }
}
