package net.metacircular.mcp.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import org.junit.jupiter.api.Test;

/** The fake runtime's simulation controls and its clock; the shared behaviour is in its contract test. */
class FakeRuntimeTest {
    private static final String IMAGE = "registry.example/app:v1";
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final FakeRuntime fake = new FakeRuntime(clock).addImage(IMAGE, "img1");

    @Test
    void givenRunAndRestart_whenInspected_thenStartTimesComeFromTheClock() {
        fake.run("app", ComponentSpec.of("app", IMAGE));
        assertThat(fake.inspect("app").orElseThrow().info().started()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));

        now.set(Instant.parse("2026-01-01T01:00:00Z"));
        fake.restart("app", Duration.ZERO);

        assertThat(fake.list().getFirst().started()).isEqualTo(Instant.parse("2026-01-01T01:00:00Z"));
    }

    @Test
    void givenRunning_whenCrashed_thenExitedWithTheCodeAndStartUnchanged() {
        fake.run("app", ComponentSpec.of("app", IMAGE));

        fake.crash("app", 139);

        ContainerInfo info = fake.list().getFirst();
        assertThat(info.state()).isEqualTo(ObservedState.EXITED);
        assertThat(info.started()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(fake.exitCode("app")).contains(139);
    }

    @Test
    void givenMissingContainer_whenCrashed_thenRejected() {
        assertThatThrownBy(() -> fake.crash("nosuch", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenUnavailable_whenAnyCallIsMade_thenUnavailableUntilCleared() {
        fake.run("app", ComponentSpec.of("app", IMAGE));
        fake.setUnavailable(true);

        List<Consumer<ContainerRuntime>> calls = List.of(ContainerRuntime::version, ContainerRuntime::list,
                r -> r.inspect("app"), r -> r.pull(IMAGE), r -> r.imageId(IMAGE),
                r -> r.run("other", ComponentSpec.of("other", IMAGE)), r -> r.start("app"),
                r -> r.stop("app", Duration.ZERO), r -> r.restart("app", Duration.ZERO), r -> r.remove("app"));
        for (Consumer<ContainerRuntime> call : calls) {
            assertThatThrownBy(() -> call.accept(fake)).isInstanceOfSatisfying(ContainerRuntimeException.class,
                    e -> assertThat(e.unavailable()).isTrue());
        }

        fake.setUnavailable(false);
        assertThat(fake.list()).extracting(ContainerInfo::name).containsExactly("app");
        assertThat(fake.name()).isEqualTo("fake");
    }

    @Test
    void givenHandStartedContainer_whenListed_thenItRunsWithABareSpec() {
        String id = fake.startExternally("mc-proxy", "registry.example/mc-proxy:v3");

        var d = fake.inspect("mc-proxy").orElseThrow();
        assertThat(d.info().id()).isEqualTo(id);
        assertThat(d.info().state()).isEqualTo(ObservedState.RUNNING);
        assertThat(d.spec()).isEqualTo(ComponentSpec.of("mc-proxy", "registry.example/mc-proxy:v3"));
        assertThat(fake.imageId("registry.example/mc-proxy:v3")).isPresent();
    }

    @Test
    void givenUnknownImage_whenRun_thenFailsLikeARegistryMiss() {
        assertThatThrownBy(() -> fake.run("app", ComponentSpec.of("app", "registry.example/other:v1")))
                .isInstanceOfSatisfying(ContainerRuntimeException.class, e -> {
                    assertThat(e.unavailable()).isFalse();
                    assertThat(e.getMessage()).contains("manifest unknown");
                });
        assertThat(fake.list()).isEmpty();
    }

    @Test
    void givenRetaggedImage_whenPulledAgain_thenTheNewId() {
        assertThat(fake.pull(IMAGE)).isEqualTo("img1");

        fake.addImage(IMAGE, "img2");

        assertThat(fake.imageId(IMAGE)).contains("img1");
        assertThat(fake.pull(IMAGE)).isEqualTo("img2");
        assertThat(fake.imageId(IMAGE)).contains("img2");
    }

    @Test
    void givenRunWithoutPull_whenImageIdAsked_thenRunPulledIt() {
        fake.run("app", ComponentSpec.of("app", IMAGE));

        assertThat(fake.imageId(IMAGE)).contains("img1");
        assertThat(fake.list().getFirst().imageId()).isEqualTo("img1");
    }

    @Test
    void givenManyThreads_whenRunningDistinctContainers_thenAllExistWithDistinctIds() throws Exception {
        List<Future<String>> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                String name = "c" + i;
                ids.add(pool.submit(() -> fake.run(name, ComponentSpec.of(name, IMAGE))));
            }
        }
        List<String> got = new ArrayList<>();
        for (Future<String> f : ids) {
            got.add(f.get());
        }

        assertThat(got).doesNotHaveDuplicates().hasSize(200);
        assertThat(fake.list()).hasSize(200);
    }
}
