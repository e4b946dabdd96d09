package net.metacircular.mcp.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.RegistryChange;
import net.metacircular.mcp.domain.ServiceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Registry} promises, run unchanged against the in-memory fake and the SQLite adapter:
 * ordering, round-tripping of every field, upserts, cascades, atomicity, the event log and durability.
 */
public abstract class RegistryContract {
    /** A time with milliseconds, which every registry keeps exactly. */
    protected static final Instant T0 = Instant.parse("2026-11-26T01:02:03.456Z");

    /** A directory for snapshots, per test. */
    @TempDir
    protected Path scratch;

    /** The registry under test; tests that reopen it replace it. */
    protected Registry registry;

    /** A new, empty registry. */
    protected abstract Registry newRegistry();

    /**
     * The same registry after a restart: a durable implementation closes {@code old} and opens its storage
     * again; an in-memory one returns {@code old}.
     */
    protected Registry reopen(Registry old) {
        return old;
    }

    @BeforeEach
    void openRegistry() {
        registry = newRegistry();
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    /** A component with every spec field set, lists out of alphabetical order, duplicates and empty strings. */
    protected static ComponentRecord fullComponent(String service, String name) {
        ComponentSpec spec = new ComponentSpec(name, "registry.test/" + service + "/" + name + ":v1.2.3",
                "mcpnet", "1000:1000", "on-failure",
                List.of("127.0.0.1:9443:8443/tcp", "8080:80", "53:53/udp"),
                List.of("/srv/" + service + "/data:/data:z", "/etc/ssl:/etc/ssl:ro"),
                List.of("serve", "--port", "80", "", "--port", "z-last"),
                List.of("B=2", "A=1", "EMPTY=", "B=3"));
        return new ComponentRecord(service, spec, DesiredState.RUNNING, ObservedState.RUNNING, "v1.2.3",
                T0.plusSeconds(60), "4f2c6ad0e1b2");
    }

    /** A component with only a name and an image: empty strings, empty lists, never started, no container. */
    protected static ComponentRecord bareComponent(String service, String name) {
        return new ComponentRecord(service, ComponentSpec.of(name, "registry.test/" + name + ":latest"),
                DesiredState.STOPPED, ObservedState.UNKNOWN, "", null, "");
    }

    /** An event of {@code service/component} at {@code T0 + seconds}. */
    protected static Event event(String service, String component, ObservedState prev, ObservedState next,
                                 long seconds) {
        return new Event(service, component, prev, next, T0.plusSeconds(seconds));
    }

    private void apply(RegistryChange change) {
        registry.apply(change);
    }

    @Test
    void givenNewRegistry_thenItHasNoServicesNoEventsAndIsHealthy() {
        assertThat(registry.services()).isEmpty();
        assertThat(registry.service("web")).isEmpty();
        assertThat(registry.recentEvents(Optional.empty(), 10)).isEmpty();
        assertThat(registry.events("web", "api", Instant.EPOCH)).isEmpty();
        assertThat(registry.pruneEvents(T0)).isZero();
        assertThat(registry.healthy()).isTrue();
    }

    @Test
    void managedContainers_areTheContainersOfEveryComponentWhoseDesiredStateIsNotIgnore() {
        ComponentRecord discovered = bareComponent("scratch", "scratch").withDesired(DesiredState.IGNORE);
        apply(RegistryChange.builder()
                .component(fullComponent("metacrypt", "api"))       // running
                .component(bareComponent("metacrypt", "web"))       // stopped
                .component(bareComponent("mc-proxy", "mc-proxy"))  // single component: the container is the service
                .component(discovered)
                .build());

        assertThat(registry.managedContainers()).containsExactlyInAnyOrder("metacrypt-api", "metacrypt-web", "mc-proxy");

        apply(RegistryChange.builder().component(discovered.withDesired(DesiredState.RUNNING)).build());
        assertThat(registry.managedContainers()).as("adopted").contains("scratch");
    }

    @Test
    void givenEmptyChange_whenApplied_thenNothingChanges() {
        apply(RegistryChange.builder().build());

        assertThat(registry.services()).isEmpty();
    }

    @Test
    void givenComponentsWithEveryField_whenApplied_thenTheyRoundTripExactly() {
        ComponentRecord full = fullComponent("metacrypt", "api");
        ComponentRecord bare = bareComponent("metacrypt", "web");

        apply(RegistryChange.builder().service("metacrypt", true).component(bare).component(full).build());

        assertThat(registry.services()).containsExactly(new ServiceRecord("metacrypt", true, List.of(full, bare)));
        assertThat(registry.service("metacrypt").orElseThrow().component("api").orElseThrow().spec())
                .isEqualTo(full.spec());
        assertThat(registry.service("metacrypt").orElseThrow().component("web").orElseThrow().started()).isNull();
    }

    @Test
    void givenSeveralServices_whenListed_thenServicesAndComponentsAreOrderedByName() {
        apply(RegistryChange.builder()
                .component(bareComponent("zeta", "b"))
                .component(bareComponent("alpha", "z"))
                .component(bareComponent("alpha", "a"))
                .component(bareComponent("mid", "m"))
                .build());

        assertThat(registry.services()).extracting(ServiceRecord::name).containsExactly("alpha", "mid", "zeta");
        assertThat(registry.service("alpha").orElseThrow().components()).extracting(ComponentRecord::name)
                .containsExactly("a", "z");
    }

    @Test
    void givenComponentWithoutServiceRow_whenApplied_thenTheServiceIsCreatedActive() {
        apply(RegistryChange.builder().component(bareComponent("mc-proxy", "mc-proxy")).build());

        assertThat(registry.service("mc-proxy")).get().extracting(ServiceRecord::active).isEqualTo(true);
    }

    @Test
    void givenInactiveServiceRowAndItsComponent_whenAppliedTogether_thenTheServiceStaysInactive() {
        apply(RegistryChange.builder().service("web", false).component(bareComponent("web", "api")).build());

        ServiceRecord web = registry.service("web").orElseThrow();
        assertThat(web.active()).isFalse();
        assertThat(web.components()).hasSize(1);
    }

    @Test
    void givenServiceWithoutComponents_whenApplied_thenItIsListedWithNoComponents() {
        apply(RegistryChange.builder().service("empty", true).build());

        assertThat(registry.services()).containsExactly(new ServiceRecord("empty", true, List.of()));
    }

    @Test
    void givenExistingComponent_whenUpserted_thenItIsUpdatedInPlaceAndItsListsReplaced() {
        ComponentRecord first = fullComponent("web", "api");
        apply(RegistryChange.builder().service("web", true).component(first).component(bareComponent("web", "db"))
                .build());
        ComponentSpec respec = new ComponentSpec("api", "registry.test/web/api:v2", "", "", "always",
                List.of("8080:80", "9000:9000"), List.of(), List.of("run"), List.of("A=9"));
        ComponentRecord second = new ComponentRecord("web", respec, DesiredState.RUNNING, ObservedState.EXITED, "v2",
                null, "");

        apply(RegistryChange.builder().component(second).build());

        ServiceRecord web = registry.service("web").orElseThrow();
        assertThat(web.components()).extracting(ComponentRecord::name).containsExactly("api", "db");
        assertThat(web.component("api")).contains(second);
        assertThat(registry.services()).hasSize(1);
    }

    @Test
    void givenExistingService_whenItsRowIsUpserted_thenOnlyTheFlagChanges() {
        apply(RegistryChange.builder().service("web", true).component(fullComponent("web", "api")).build());

        apply(RegistryChange.builder().service("web", false).build());

        ServiceRecord web = registry.service("web").orElseThrow();
        assertThat(web.active()).isFalse();
        assertThat(web.components()).containsExactly(fullComponent("web", "api"));
    }

    @Test
    void givenSameComponentTwiceInOneChange_whenApplied_thenTheLastOneIsStored() {
        ComponentRecord later = bareComponent("web", "api").withDesired(DesiredState.RUNNING);

        apply(RegistryChange.builder().component(fullComponent("web", "api")).component(later).build());

        assertThat(registry.service("web").orElseThrow().components()).containsExactly(later);
    }

    @Test
    void givenServiceWithEvents_whenRemoved_thenItsComponentsGoButItsEventsStay() {
        Event crash = event("web", "api", ObservedState.RUNNING, ObservedState.EXITED, 1);
        apply(RegistryChange.builder()
                .component(fullComponent("web", "api")).component(bareComponent("web", "db"))
                .component(bareComponent("other", "x"))
                .event(crash)
                .build());

        apply(RegistryChange.builder().removeService("web").build());

        assertThat(registry.service("web")).isEmpty();
        assertThat(registry.services()).extracting(ServiceRecord::name).containsExactly("other");
        assertThat(registry.recentEvents(Optional.of("web"), 10)).containsExactly(crash);
    }

    @Test
    void givenRemovalAndNewComponentOfTheSameService_whenApplied_thenRemovalComesFirst() {
        apply(RegistryChange.builder().component(fullComponent("web", "old")).build());

        apply(RegistryChange.builder().removeService("web").component(bareComponent("web", "new")).build());

        assertThat(registry.service("web").orElseThrow().components()).extracting(ComponentRecord::name)
                .containsExactly("new");
    }

    @Test
    void givenRemovalOfAnUnknownService_whenApplied_thenNothingHappens() {
        apply(RegistryChange.builder().component(bareComponent("web", "api")).build());

        apply(RegistryChange.builder().removeService("nosuch").build());

        assertThat(registry.services()).hasSize(1);
    }

    @Test
    void givenChangeThatFailsMidway_whenApplied_thenItThrowsAndNothingOfItIsApplied() {
        apply(RegistryChange.builder().service("web", true).component(fullComponent("web", "api"))
                .event(event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 0)).build());
        List<ServiceRecord> before = registry.services();
        List<Event> eventsBefore = registry.recentEvents(Optional.empty(), 100);
        ComponentSpec duplicatePorts = new ComponentSpec("bad", "registry.test/bad:v1", "", "", "",
                List.of("8080:80", "8080:80"), List.of(), List.of(), List.of());
        RegistryChange change = RegistryChange.builder()
                .removeService("web")
                .service("fresh", true)
                .component(bareComponent("fresh", "ok"))
                .component(new ComponentRecord("fresh", duplicatePorts, DesiredState.RUNNING, ObservedState.UNKNOWN,
                        "v1", null, ""))
                .event(event("fresh", "ok", ObservedState.UNKNOWN, ObservedState.RUNNING, 5))
                .build();

        assertThatThrownBy(() -> registry.apply(change)).isInstanceOf(IllegalArgumentException.class);

        assertThat(registry.services()).isEqualTo(before);
        assertThat(registry.recentEvents(Optional.empty(), 100)).isEqualTo(eventsBefore);
    }

    @Test
    void givenEvents_whenListedRecent_thenNewestFirstWithTiesNewestAppendedFirst() {
        Event a = event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 1);
        Event b = event("web", "db", ObservedState.UNKNOWN, ObservedState.RUNNING, 3);
        Event tie1 = event("web", "api", ObservedState.RUNNING, ObservedState.EXITED, 2);
        Event tie2 = event("web", "api", ObservedState.EXITED, ObservedState.RUNNING, 2);
        apply(RegistryChange.builder().event(a).event(b).event(tie1).build());
        apply(RegistryChange.builder().event(tie2).build());

        assertThat(registry.recentEvents(Optional.empty(), 10)).containsExactly(b, tie2, tie1, a);
        assertThat(registry.recentEvents(Optional.empty(), 2)).containsExactly(b, tie2);
        assertThat(registry.recentEvents(Optional.empty(), 0)).isEmpty();
    }

    @Test
    void givenEventsOfSeveralServices_whenListedRecentForOne_thenOnlyItsEventsAreReturned() {
        Event web = event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 1);
        Event other = event("other", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 2);
        apply(RegistryChange.builder().event(web).event(other).build());

        assertThat(registry.recentEvents(Optional.of("web"), 10)).containsExactly(web);
        assertThat(registry.recentEvents(Optional.of("nosuch"), 10)).isEmpty();
    }

    @Test
    void givenNegativeLimit_whenListingRecentEvents_thenItIsRefused() {
        assertThatThrownBy(() -> registry.recentEvents(Optional.empty(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenEventsOfAComponent_whenListedSince_thenOldestFirstFromSinceInclusiveForThatComponentOnly() {
        Event early = event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 0);
        Event atSince = event("web", "api", ObservedState.RUNNING, ObservedState.EXITED, 10);
        Event later = event("web", "api", ObservedState.EXITED, ObservedState.RUNNING, 20);
        Event sameTime = event("web", "api", ObservedState.RUNNING, ObservedState.STOPPED, 20);
        Event otherComponent = event("web", "db", ObservedState.UNKNOWN, ObservedState.RUNNING, 15);
        Event otherService = event("other", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 15);
        apply(RegistryChange.builder().event(later).event(sameTime).event(early).event(otherComponent)
                .event(otherService).event(atSince).build());

        assertThat(registry.events("web", "api", T0.plusSeconds(10))).containsExactly(atSince, later, sameTime);
        assertThat(registry.events("web", "api", Instant.EPOCH)).containsExactly(early, atSince, later, sameTime);
        assertThat(registry.events("web", "api", T0.plusSeconds(21))).isEmpty();
    }

    @Test
    void givenEvents_whenPruned_thenOnlyThoseStrictlyBeforeTheCutoffGoAndTheirCountIsReturned() {
        Event old1 = event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 0);
        Event old2 = event("other", "x", ObservedState.UNKNOWN, ObservedState.RUNNING, 5);
        Event atCutoff = event("web", "api", ObservedState.RUNNING, ObservedState.EXITED, 10);
        Event recent = event("web", "api", ObservedState.EXITED, ObservedState.RUNNING, 20);
        apply(RegistryChange.builder().event(old1).event(old2).event(atCutoff).event(recent).build());

        assertThat(registry.pruneEvents(T0.plusSeconds(10))).isEqualTo(2);

        assertThat(registry.recentEvents(Optional.empty(), 10)).containsExactly(recent, atCutoff);
        assertThat(registry.pruneEvents(T0.plusSeconds(10))).isZero();
    }

    @Test
    void givenInstantsFinerThanMilliseconds_whenStored_thenTheyAreKeptToTheMillisecond() {
        Instant fine = Instant.parse("2026-11-26T01:02:03.456789123Z");
        Instant millis = Instant.parse("2026-11-26T01:02:03.456Z");
        ComponentRecord started = bareComponent("web", "api").withObservation(ObservedState.RUNNING, fine, "abc");
        apply(RegistryChange.builder().component(started)
                .event(new Event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, fine)).build());

        assertThat(registry.service("web").orElseThrow().component("api").orElseThrow().started()).isEqualTo(millis);
        assertThat(registry.recentEvents(Optional.empty(), 1)).extracting(Event::at).containsExactly(millis);
        assertThat(registry.events("web", "api", fine)).hasSize(1);
    }

    @Test
    void givenAppliedChanges_whenReopened_thenServicesComponentsAndEventsAreAllStillThere() {
        Event e = event("web", "api", ObservedState.UNKNOWN, ObservedState.RUNNING, 1);
        apply(RegistryChange.builder().service("web", false).component(fullComponent("web", "api"))
                .component(bareComponent("web", "db")).component(bareComponent("mc-proxy", "mc-proxy"))
                .event(e).build());
        List<ServiceRecord> before = registry.services();

        registry = reopen(registry);

        assertThat(registry.services()).isEqualTo(before);
        assertThat(registry.recentEvents(Optional.empty(), 10)).containsExactly(e);
        assertThat(registry.healthy()).isTrue();
    }

    @Test
    void givenRegistry_whenSnapshotted_thenTheTargetIsWrittenOwnerOnly() throws Exception {
        apply(RegistryChange.builder().component(fullComponent("web", "api")).build());
        Path target = scratch.resolve("snapshot.db");

        registry.snapshot(target);

        assertThat(target).isRegularFile();
        assertThat(Files.size(target)).isPositive();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-------");
    }

    @Test
    void givenExistingTarget_whenSnapshotted_thenItIsRefusedAndTheTargetIsLeftAlone() throws Exception {
        Path target = Files.writeString(scratch.resolve("taken.db"), "keep me");

        assertThatThrownBy(() -> registry.snapshot(target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(target.getFileName().toString());

        assertThat(target).hasContent("keep me");
    }

    @Test
    void givenClosedRegistry_thenItIsUnhealthyAndRefusesWork() {
        registry.close();

        assertThat(registry.healthy()).isFalse();
        assertThatThrownBy(() -> registry.services()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.apply(RegistryChange.builder().service("web", true).build()))
                .isInstanceOf(IllegalStateException.class);
        registry.close();
    }
}
