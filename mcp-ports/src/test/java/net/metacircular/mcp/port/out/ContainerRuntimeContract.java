package net.metacircular.mcp.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerDetails;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ObservedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ContainerRuntime} must show, run unchanged against the fake and against the real
 * podman, so the fake stays honest. The images must offer {@code sh} and {@code sleep} (the test bed's busybox
 * image does); each test uses container names of its own and removes them afterwards.
 */
public abstract class ContainerRuntimeContract {
    /** Grace for stops in these tests: short, because {@code sleep} as PID 1 ignores SIGTERM. */
    protected static final Duration GRACE = Duration.ofSeconds(1);

    private final List<String> created = new ArrayList<>();

    @TempDir
    protected Path tempDir;

    /** The runtime under test; the same instance for the whole of one test. */
    protected abstract ContainerRuntime runtime();

    /** An image reference the runtime can pull. */
    protected abstract String imageV1();

    /** Another tag of the same repository with a different image ID. */
    protected abstract String imageV2();

    /** A network that exists on the runtime. */
    protected String network() {
        return "podman";
    }

    /** A reference in the same registry that does not exist. */
    protected String missingImage() {
        String v1 = imageV1();
        int colon = v1.lastIndexOf(':');
        return (colon > v1.lastIndexOf('/') ? v1.substring(0, colon) : v1) + ":no-such-tag-" + randomHex();
    }

    /** A command that keeps a container running. */
    protected List<String> longRunning() {
        return List.of("sleep", "1000");
    }

    @AfterEach
    void removeCreatedContainers() {
        for (String name : created) {
            try {
                runtime().stop(name, Duration.ZERO);
                runtime().remove(name);
            } catch (RuntimeException e) {
                // Cleanup must not hide the test's own failure; the unique names keep leftovers harmless.
                System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, "cleanup of {0}: {1}", name, e.getMessage());
            }
        }
    }

    @Test
    void givenTwoContainersRun_whenListed_thenBothRunWithIdsAndStartTimes() {
        String imageId = runtime().pull(imageV1());
        String a = name("a");
        String b = name("b");
        String idA = runtime().run(a, sleeper(a, imageV1()));
        String idB = runtime().run(b, sleeper(b, imageV1()));

        Map<String, ContainerInfo> listed = ours(runtime().list());

        assertThat(listed).containsOnlyKeys(a, b);
        assertThat(listed.get(a).id()).isEqualTo(idA);
        assertThat(listed.get(b).id()).isEqualTo(idB);
        assertThat(idA).isNotBlank().isNotEqualTo(idB);
        for (ContainerInfo c : listed.values()) {
            assertThat(c.state()).isEqualTo(ObservedState.RUNNING);
            assertThat(c.startedAt()).isPresent();
            assertThat(c.image()).isEqualTo(imageV1());
            assertThat(c.imageId()).isEqualTo(imageId);
        }
    }

    @Test
    void givenSeveralContainers_whenListedByName_thenExactlyTheNamedOnes_runningOrNot() {
        runtime().pull(imageV1());
        String a = name("a");
        String longer = a + "-b"; // a name the first one is a prefix of
        created.add(longer);
        String dotted = name("c") + ".v2";
        created.add(dotted);
        String lookalike = dotted.replace(".v2", "xv2"); // what an unescaped '.' would match
        created.add(lookalike);
        for (String n : List.of(a, longer, dotted, lookalike)) {
            runtime().run(n, sleeper(n, imageV1()));
        }
        runtime().stop(dotted, GRACE);

        Map<String, ContainerInfo> all = ours(runtime().list());
        Map<String, ContainerInfo> named = runtime().list(java.util.Set.of(a, dotted, "mcp-ct-no-such-container"))
                .stream().collect(Collectors.toMap(ContainerInfo::name, Function.identity()));

        assertThat(named).containsOnlyKeys(a, dotted);
        assertThat(named.get(a)).isEqualTo(all.get(a));
        assertThat(named.get(dotted).state()).isEqualTo(ObservedState.EXITED);
        assertThat(runtime().list(java.util.Set.of())).isEmpty();
        assertThat(runtime().info(a)).contains(all.get(a));
        assertThat(runtime().info(dotted)).contains(all.get(dotted));
        assertThat(runtime().info("mcp-ct-no-such-container")).isEmpty();
    }

    @Test
    void givenARunningAndAMissingContainer_whenStoppedAndRemoved_thenTheFirstIsGone_andTheSecondIsNoError() {
        String a = name("a");
        String b = name("b");
        runtime().run(a, sleeper(a, imageV1()));
        runtime().run(b, sleeper(b, imageV1()));

        runtime().stopAndRemove(a, GRACE);
        runtime().stopAndRemove(name("never-created"), GRACE);

        assertThat(ours(runtime().list())).containsOnlyKeys(b);
        assertThat(runtime().info(a)).isEmpty();
    }

    @Test
    void givenTwoRunning_whenOneIsRedeployedWithV2_thenTheOtherKeepsItsIdAndStart() {
        runtime().pull(imageV1());
        String v2Id = runtime().pull(imageV2());
        String a = name("a");
        String b = name("b");
        runtime().run(a, sleeper(a, imageV1()));
        runtime().run(b, sleeper(b, imageV1()));
        ContainerInfo bBefore = ours(runtime().list()).get(b);

        runtime().stop(a, GRACE);
        runtime().remove(a);
        String newA = runtime().run(a, sleeper(a, imageV2()));

        Map<String, ContainerInfo> after = ours(runtime().list());
        assertThat(after.get(b).id()).isEqualTo(bBefore.id());
        assertThat(after.get(b).startedAt()).isEqualTo(bBefore.startedAt());
        assertThat(after.get(b).state()).isEqualTo(ObservedState.RUNNING);
        assertThat(after.get(a).id()).isEqualTo(newA);
        assertThat(after.get(a).image()).isEqualTo(imageV2());
        assertThat(after.get(a).imageId()).isEqualTo(v2Id).isNotEqualTo(after.get(b).imageId());
        assertThat(after.get(a).state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void givenRunning_whenStopped_thenStoppedOrExitedInListAndInspect() {
        String a = name("a");
        runtime().run(a, sleeper(a, imageV1()));

        runtime().stop(a, GRACE);

        // a stopped container has exited, with or without podman's cleanup done (its interim "stopped")
        assertThat(ours(runtime().list()).get(a).state()).isEqualTo(ObservedState.EXITED);
        assertThat(runtime().inspect(a)).get().extracting(d -> d.info().state()).isEqualTo(ObservedState.EXITED);
    }

    @Test
    void givenStopped_whenStoppedAgain_thenSucceeds() {
        String a = name("a");
        runtime().run(a, sleeper(a, imageV1()));
        runtime().stop(a, GRACE);

        runtime().stop(a, GRACE);

        assertThat(runtime().inspect(a)).get().extracting(d -> d.info().state()).isNotEqualTo(ObservedState.RUNNING);
    }

    @Test
    void givenStopped_whenStartedOrRestarted_thenRunningAgain() {
        String a = name("a");
        runtime().run(a, sleeper(a, imageV1()));
        runtime().stop(a, GRACE);

        runtime().start(a);
        assertThat(runtime().inspect(a)).get().extracting(d -> d.info().state()).isEqualTo(ObservedState.RUNNING);

        runtime().restart(a, GRACE);
        assertThat(runtime().inspect(a)).get().extracting(d -> d.info().state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void givenStopped_whenRemoved_thenAbsentFromListAndInspectIsEmpty() {
        String a = name("a");
        runtime().run(a, sleeper(a, imageV1()));
        runtime().stop(a, GRACE);

        runtime().remove(a);

        assertThat(ours(runtime().list())).doesNotContainKey(a);
        assertThat(runtime().inspect(a)).isEmpty();
    }

    @Test
    void givenRunning_whenRemovedWithoutStop_thenFailsAndKeepsIt() {
        String a = name("a");
        runtime().run(a, sleeper(a, imageV1()));

        assertThatThrownBy(() -> runtime().remove(a)).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isFalse());
        assertThat(runtime().inspect(a)).get().extracting(d -> d.info().state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void givenMissingName_whenInspected_thenEmpty() {
        assertThat(runtime().inspect(name("missing"))).isEmpty();
    }

    @Test
    void givenMissingName_whenStoppedOrRemoved_thenSucceeds() {
        String missing = name("missing");

        runtime().stop(missing, GRACE);
        runtime().remove(missing);

        assertThat(runtime().inspect(missing)).isEmpty();
    }

    @Test
    void givenMissingName_whenStarted_thenFailsWithoutBlamingTheRuntime() {
        assertThatThrownBy(() -> runtime().start(name("missing"))).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isFalse());
    }

    @Test
    void givenNonexistentImage_whenPulled_thenFailsWithoutBlamingTheRuntime() {
        String missing = missingImage();

        assertThatThrownBy(() -> runtime().pull(missing)).isInstanceOfSatisfying(ContainerRuntimeException.class,
                e -> assertThat(e.unavailable()).isFalse());
        assertThat(runtime().imageId(missing)).isEmpty();
    }

    @Test
    void givenPulledImage_whenImageIdAsked_thenSameIdAsThePull() {
        String id = runtime().pull(imageV2());

        assertThat(runtime().imageId(imageV2())).contains(id);
        assertThat(id).isNotEqualTo(runtime().pull(imageV1()));
    }

    @Test
    void givenExistingName_whenRunAgain_thenFailsAndTheFirstKeepsRunning() {
        String a = name("a");
        String id = runtime().run(a, sleeper(a, imageV1()));

        assertThatThrownBy(() -> runtime().run(a, sleeper(a, imageV2())))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> assertThat(e.unavailable()).isFalse());

        ContainerInfo info = runtime().inspect(a).orElseThrow().info();
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.image()).isEqualTo(imageV1());
        assertThat(info.state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void givenFullSpec_whenInspected_thenSpecReproducesWhatWasRun() throws IOException {
        String a = name("full");
        ComponentSpec spec = fullSpec(a);
        String id = runtime().run(a, spec);

        ContainerDetails d = runtime().inspect(a).orElseThrow();

        assertThat(d.info().id()).isEqualTo(id);
        assertThat(d.info().name()).isEqualTo(a);
        assertThat(d.info().state()).isEqualTo(ObservedState.RUNNING);
        assertSameSpec(d.spec(), spec);
    }

    @Test
    void givenInspectedSpec_whenRunAgainFromIt_thenTheNewContainerHasTheSameSpec() throws IOException {
        String a = name("again");
        runtime().run(a, fullSpec(a));
        ComponentSpec reported = runtime().inspect(a).orElseThrow().spec();
        runtime().stop(a, GRACE);
        runtime().remove(a);

        runtime().run(a, reported);

        ContainerDetails again = runtime().inspect(a).orElseThrow();
        assertThat(again.info().state()).isEqualTo(ObservedState.RUNNING);
        assertSameSpec(again.spec(), reported);
    }

    @Test
    void givenValuesBeginningWithDash_whenRun_thenTheyReachTheContainerLiterally() {
        String a = name("dash");
        List<String> cmd = List.of("sh", "-c", "exec sleep 1000", "-v");
        ComponentSpec spec = new ComponentSpec(a, imageV1(), "", "", "", List.of(), List.of(), cmd,
                List.of("X=-v", "Y=--rm", "Z=--privileged"));

        runtime().run(a, spec);

        ContainerDetails d = runtime().inspect(a).orElseThrow();
        assertThat(d.info().state()).isEqualTo(ObservedState.RUNNING);
        assertThat(d.spec().cmd()).containsExactlyElementsOf(cmd);
        assertThat(d.spec().env()).containsExactlyInAnyOrder("X=-v", "Y=--rm", "Z=--privileged");
    }

    @Test
    void givenNameOrImageBeginningWithDash_whenRun_thenRejectedBeforeTheRuntime() {
        assertThatThrownBy(() -> runtime().run("-rm", ComponentSpec.of("x", imageV1())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime().run(name("x"), ComponentSpec.of("x", "--privileged")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> runtime().inspect("bad\nname")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenVersionAsked_thenNotBlank() {
        assertThat(runtime().version()).isNotBlank();
        assertThat(runtime().name()).isNotBlank();
    }

    /** A unique container name for this test; removed after it. */
    protected String name(String suffix) {
        String n = "mcp-ct-" + randomHex() + "-" + suffix;
        created.add(n);
        return n;
    }

    /** A spec that keeps running and sets nothing else. */
    protected ComponentSpec sleeper(String container, String image) {
        return new ComponentSpec(container, image, "", "", "", List.of(), List.of(), longRunning(), List.of());
    }

    private ComponentSpec fullSpec(String container) throws IOException {
        Path data = Files.createDirectories(tempDir.resolve("data"));
        Path config = Files.createDirectories(tempDir.resolve("config"));
        int[] ports = freePorts();
        return new ComponentSpec(container, imageV1(), network(), "65534:65534", "always",
                List.of("127.0.0.1:" + ports[0] + ":8080", "127.0.0.1:" + ports[1] + ":8443"),
                List.of(data + ":/data", config + ":/config:ro"),
                longRunning(), List.of("GREETING=hello world", "MODE=test"));
    }

    private static void assertSameSpec(ComponentSpec actual, ComponentSpec expected) {
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.image()).isEqualTo(expected.image());
        assertThat(actual.network()).isEqualTo(expected.network());
        assertThat(actual.user()).isEqualTo(expected.user());
        assertThat(actual.restart()).isEqualTo(expected.restart());
        assertThat(actual.ports()).containsExactlyInAnyOrderElementsOf(expected.ports());
        assertThat(actual.volumes()).containsExactlyInAnyOrderElementsOf(expected.volumes());
        assertThat(actual.cmd()).containsExactlyElementsOf(expected.cmd());
        assertThat(actual.env()).containsExactlyInAnyOrderElementsOf(expected.env());
    }

    private Map<String, ContainerInfo> ours(List<ContainerInfo> all) {
        return all.stream().filter(c -> created.contains(c.name()))
                .collect(Collectors.toMap(ContainerInfo::name, Function.identity()));
    }

    /** Two loopback ports free right now, held open together so they differ. */
    private static int[] freePorts() throws IOException {
        try (ServerSocket s1 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket s2 = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {s1.getLocalPort(), s2.getLocalPort()};
        }
    }

    private static String randomHex() {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
