package net.metacircular.mcp.adapter.podman;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerEvents;
import org.junit.jupiter.api.Test;

/** Following podman's event stream: parsing a real capture, and the real stream in the test bed. */
class PodmanEventsTest {
    private static final Instant FALLBACK = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void capturedDiedLine_isAContainerEventWithNameActionTimeAndID() {
        String id = "e35672b1e0d7d1548ed5d605fdc142b431a97642b2941a96ea98a3c3f69cf8c9";
        String died = "{\"ContainerExitCode\":137,\"ID\":\"" + id + "\",\"Image\":\"127.0.0.1:45000/mcp-test/busybox:v1\","
                + "\"Name\":\"mon-probe\",\"Status\":\"died\",\"Time\":\"2026-11-26T02:02:23.939218895Z\","
                + "\"Type\":\"container\",\"Attributes\":{}}";

        assertThat(PodmanJson.event(died, FALLBACK)).contains(
                new ContainerEvent("mon-probe", "died", Instant.parse("2026-11-26T02:02:23.939218895Z"), id));
    }

    @Test
    void imageEventsAndGarbage_areNotContainerEvents() {
        assertThat(PodmanJson.event("{\"Name\":\"x:1\",\"Status\":\"pull\",\"Type\":\"image\"}", FALLBACK)).isEmpty();
        assertThat(PodmanJson.event("not json", FALLBACK)).isEmpty();
        assertThat(PodmanJson.event("[]", FALLBACK)).isEmpty();
        assertThat(PodmanJson.event("{\"Name\":\"c\",\"Status\":\"start\",\"Type\":\"container\",\"Time\":\"soon\"}", FALLBACK))
                .contains(new ContainerEvent("c", "start", FALLBACK));
        assertThat(PodmanJson.event("{\"ID\":\"ab12\",\"Name\":\"c\",\"Status\":\"died\",\"Type\":\"container\"}", FALLBACK))
                .as("without podman's time the event only wakes a listing: no ID, so never trusted alone")
                .contains(new ContainerEvent("c", "died", FALLBACK, ""));
    }

    @Test
    void realStream_reportsAKilledContainersDeath_andStopsOnClose() throws Exception {
        PodmanRuntimeContractTest.requireTestBed();
        PodmanRuntime runtime = PodmanRuntime.create(PodmanSettings.defaults());
        String name = "evtest-probe";
        runtime.stop(name, Duration.ZERO);
        runtime.remove(name);
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        PodmanEvents events = new PodmanEvents(PodmanSettings.defaults(), InstantSource.system());
        try (ContainerEvents.Subscription sub = events.watch(seen::add)) {
            Thread.sleep(500);
            var base = net.metacircular.mcp.domain.ComponentSpec.of(name, System.getenv("MCP_TEST_IMAGE_V1"));
            String id = runtime.run(name, new net.metacircular.mcp.domain.ComponentSpec(name, base.image(), base.network(), base.user(),
                    "no", List.of(), List.of(), List.of("sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"), List.of()));
            ProcessCommandRunner runner = new ProcessCommandRunner();
            long killed = System.nanoTime();
            runner.run(List.of("podman", "kill", name), Map.of(), Duration.ofSeconds(20));
            while (seen.stream().noneMatch(e -> e.container().equals(name) && e.action().equals("died"))
                    && System.nanoTime() - killed < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(20);
            }
            // How fast is measured by the benchmarks (P3), not asserted here: a loaded machine must not fail this.
            assertThat(seen).anySatisfy(e -> {
                assertThat(e.container()).isEqualTo(name);
                assertThat(e.action()).isEqualTo("died");
                assertThat(e.id()).as("the ID the monitor matches against the registry's").isEqualTo(id);
            });
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "died event after {0} ms",
                    Duration.ofNanos(System.nanoTime() - killed).toMillis());
        } finally {
            runtime.stop(name, Duration.ZERO);
            runtime.remove(name);
        }
        int after = seen.size();
        Thread.sleep(300);
        assertThat(seen).hasSize(after);
    }
}
