package net.metacircular.mcp.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import net.metacircular.mcp.application.Adopter;
import net.metacircular.mcp.application.Deployer;
import net.metacircular.mcp.application.Reconciler;
import net.metacircular.mcp.application.ServiceLifecycle;
import net.metacircular.mcp.application.ServiceLocks;
import net.metacircular.mcp.application.Syncer;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentResult;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.ContainerInfo;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.port.out.InMemoryRegistry;
import org.junit.jupiter.api.Test;

/** Lifecycle, sync and adopt through the real use cases on the fake runtime and the in-memory registry. */
class FakeServiceManagementTest {
    private static final String IMAGE = "127.0.0.1:45000/mcp-test/busybox:v1";
    private final AtomicLong seconds = new AtomicLong(1_800_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochSecond(seconds.getAndIncrement());
    private final FakeRuntime runtime = new FakeRuntime(clock).addImage(IMAGE, "1".repeat(64));
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final ServiceLocks locks = new ServiceLocks();
    private final Reconciler reconciler = new Reconciler(runtime, registry, clock, locks);
    private final Deployer deployer = new Deployer(runtime, registry, clock, locks, Duration.ZERO);
    private final ServiceLifecycle lifecycle = new ServiceLifecycle(runtime, registry, reconciler, locks, Duration.ZERO);
    private final Syncer syncer = new Syncer(runtime, registry, reconciler, locks, Duration.ZERO);
    private final Adopter adopter = new Adopter(runtime, registry, locks);

    private Map<String, ContainerInfo> containers() {
        return runtime.list().stream().collect(Collectors.toMap(ContainerInfo::name, c -> c));
    }

    private void handStarted(String... names) {
        for (String n : names) {
            runtime.startExternally(n, IMAGE);
        }
    }

    private ServiceRecord service(String name) {
        return registry.service(name).orElseThrow();
    }

    @Test
    void syncWithNothingPushed_discoversEveryContainerAsIgnore_andStopsNone() {
        handStarted("mc-proxy", "scratchpad");

        List<ServiceSyncResult> results = syncer.sync(List.of());

        assertThat(results).extracting(ServiceSyncResult::service).containsExactlyInAnyOrder("mc-proxy", "scratchpad");
        assertThat(results).allMatch(ServiceSyncResult::changed);
        assertThat(registry.services()).allMatch(ServiceRecord::ignored);
        assertThat(containers().values()).allMatch(c -> c.state() == ObservedState.RUNNING);
    }

    @Test
    void adoptingByPrefix_thenDeployingTheRecordedSpecs_restartsNothing() {
        handStarted("mc-proxy", "mc-web", "metacrypt-api", "metacrypt-web", "scratchpad");
        syncer.sync(List.of());
        Map<String, ContainerInfo> before = containers();

        assertThat(adopter.adopt("mc-proxy")).containsExactly(AdoptResult.ok("mc-proxy", "mc-proxy"));
        assertThat(adopter.adopt("mc")).extracting(AdoptResult::container, AdoptResult::adopted)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mc-proxy", false),
                        org.assertj.core.groups.Tuple.tuple("mc-web", true));
        adopter.adopt("metacrypt");

        assertThat(service("mc-proxy").components()).extracting(ComponentRecord::name).containsExactly("mc-proxy");
        assertThat(service("mc").components()).extracting(ComponentRecord::name).containsExactly("web");
        assertThat(service("metacrypt").components()).extracting(ComponentRecord::name).containsExactly("api", "web");
        assertThat(registry.services()).extracting(ServiceRecord::name)
                .containsExactlyInAnyOrder("mc-proxy", "mc", "metacrypt", "scratchpad");
        for (String s : List.of("mc-proxy", "mc", "metacrypt")) {
            assertThat(deployer.deploy(service(s).spec(), Optional.empty(), false))
                    .extracting(ComponentResult::action).containsOnly("unchanged");
        }
        assertThat(containers()).isEqualTo(before);
    }

    @Test
    void adoptingWithNoMatchingContainer_isNotFound() {
        handStarted("scratchpad");

        assertThatThrownBy(() -> adopter.adopt("metacrypt")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("metacrypt-*");
    }

    @Test
    void adoptingAStoppedContainer_recordsDesiredStopped() {
        handStarted("mc-web");
        runtime.stop("mc-web", Duration.ZERO);

        adopter.adopt("mc");

        assertThat(service("mc").active()).isFalse();
        assertThat(service("mc").components().getFirst().desired()).isEqualTo(DesiredState.STOPPED);
    }

    private void deployed(String service, boolean active, String... components) {
        List<ComponentSpec> specs = java.util.Arrays.stream(components)
                .map(c -> new ComponentSpec(c, IMAGE, "", "", "", List.of(), List.of(), List.of("sleep", "1000"), List.of()))
                .toList();
        deployer.deploy(new ServiceSpec(service, active, specs), Optional.empty(), false);
    }

    @Test
    void stop_recordsStoppedAndInactive_thenStopsEveryComponent() {
        deployed("svc", true, "api", "web");

        List<ComponentResult> results = lifecycle.apply(LifecycleAction.STOP, "svc");

        assertThat(results).extracting(ComponentResult::action).containsExactly("stopped", "stopped");
        assertThat(service("svc").active()).isFalse();
        assertThat(service("svc").components()).allMatch(c -> c.desired() == DesiredState.STOPPED
                && c.observed() == ObservedState.EXITED);
    }

    @Test
    void start_recordsRunningAndStartsStoppedComponents_andLeavesRunningOnesAlone() {
        deployed("svc", true, "api", "web");
        lifecycle.apply(LifecycleAction.STOP, "svc");
        runtime.start("svc-api");

        List<ComponentResult> results = lifecycle.apply(LifecycleAction.START, "svc");

        assertThat(results).extracting(ComponentResult::action).containsExactly("already running", "started");
        assertThat(service("svc").active()).isTrue();
        assertThat(service("svc").components()).allMatch(c -> c.desired() == DesiredState.RUNNING
                && c.observed() == ObservedState.RUNNING);
    }

    @Test
    void restart_restartsEveryComponent_andLeavesTheDesiredStateAlone() {
        deployed("svc", true, "api");
        lifecycle.apply(LifecycleAction.STOP, "svc");
        Instant before = containers().get("svc-api").started();

        List<ComponentResult> results = lifecycle.apply(LifecycleAction.RESTART, "svc");

        assertThat(results).extracting(ComponentResult::action).containsExactly("restarted");
        assertThat(containers().get("svc-api").started()).isAfter(before);
        assertThat(service("svc").active()).isFalse();
        assertThat(service("svc").components().getFirst().desired()).isEqualTo(DesiredState.STOPPED);
    }

    @Test
    void startingAComponentWithoutContainer_failsThatComponentOnly() {
        deployed("svc", true, "api", "web");
        runtime.stop("svc-web", Duration.ZERO);
        runtime.remove("svc-web");

        List<ComponentResult> results = lifecycle.apply(LifecycleAction.START, "svc");

        assertThat(results.getFirst().success()).isTrue();
        assertThat(results.get(1).success()).isFalse();
        assertThat(results.get(1).error()).contains("svc-web does not exist");
    }

    @Test
    void lifecycleOfAnUnknownOrDiscoveredService_isRefusedAndTouchesNothing() {
        handStarted("scratchpad");
        syncer.sync(List.of());

        assertThatThrownBy(() -> lifecycle.apply(LifecycleAction.STOP, "nosuch")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> lifecycle.apply(LifecycleAction.STOP, "scratchpad"))
                .isInstanceOf(PreconditionException.class).hasMessageContaining("mcp adopt scratchpad");
        assertThat(containers().get("scratchpad").state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void syncOfAnInactiveService_stopsIt_andServicesAbsentFromThePushAreReportedAndKept() {
        deployed("svc", true, "api");
        deployed("other", true, "api");
        ServiceSpec inactive = service("svc").spec().withActive(false);

        List<ServiceSyncResult> results = syncer.sync(List.of(inactive));

        assertThat(results).contains(new ServiceSyncResult("svc", true, "desired state recorded; stopped api"),
                new ServiceSyncResult("other", false, "not in any definition for this node; left as is"));
        assertThat(containers().get("svc-api").state()).isEqualTo(ObservedState.EXITED);
        assertThat(containers().get("other-api").state()).isEqualTo(ObservedState.RUNNING);
        assertThat(registry.service("other")).isPresent();
    }

    @Test
    void syncOfAnActiveService_startsItsStoppedComponents() {
        deployed("svc", true, "api");
        runtime.stop("svc-api", Duration.ZERO);

        List<ServiceSyncResult> results = syncer.sync(List.of(service("svc").spec()));

        assertThat(results.getFirst()).isEqualTo(new ServiceSyncResult("svc", false, "unchanged; started api"));
        assertThat(containers().get("svc-api").state()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void syncOfAnInvalidOrDuplicatedPush_changesNothing() {
        deployed("svc", true, "api");
        ServiceSpec spec = service("svc").spec().withActive(false);

        assertThatThrownBy(() -> syncer.sync(List.of(spec, spec))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("services[1].name");
        assertThat(service("svc").active()).isTrue();
        assertThat(containers().get("svc-api").state()).isEqualTo(ObservedState.RUNNING);
    }
}
