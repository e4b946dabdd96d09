package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdoptionTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static ContainerInfo running(String name) {
        return new ContainerInfo("id-" + name, name, "reg/" + name + ":v1.2.0", "img-" + name, ObservedState.RUNNING, T);
    }

    private static ContainerInfo stopped(String name) {
        return new ContainerInfo("id-" + name, name, "reg/" + name + ":v1.2.0", "img-" + name, ObservedState.EXITED, T);
    }

    private static ServiceRecord discovered(String container) {
        return new ServiceRecord(container, true, List.of(Reconciliation.discovered(running(container))));
    }

    private static ServiceRecord managed(String service, String component) {
        return new ServiceRecord(service, true, List.of(new ComponentRecord(service, ComponentSpec.of(component, "img:v1"),
                DesiredState.RUNNING, ObservedState.RUNNING, "v1", T, "x")));
    }

    @Test
    void prefixedContainers_becomeComponentsNamedWithoutThePrefix() {
        Adoption a = Adoption.plan("metacrypt", List.of(), List.of(running("metacrypt-api"), running("metacrypt-web"),
                running("scratchpad"), running("metacryptx")));

        assertThat(a.matches()).containsExactly(new Adoption.Match("metacrypt-api", "api"),
                new Adoption.Match("metacrypt-web", "web"));
        assertThat(a.skipped()).isEmpty();
    }

    @Test
    void containerNamedExactlyAsTheService_becomesTheComponentOfThatName() {
        Adoption a = Adoption.plan("mc-proxy", List.of(discovered("mc-proxy")), List.of(running("mc-proxy")));

        assertThat(a.matches()).containsExactly(new Adoption.Match("mc-proxy", "mc-proxy"));
    }

    @Test
    void anotherManagedServiceWithALongerPrefix_keepsItsContainers() {
        List<ServiceRecord> registry = List.of(managed("mc-proxy", "mc-proxy"), discovered("mc-web"),
                discovered("mc-proxy-sidecar"));

        Adoption a = Adoption.plan("mc", registry, List.of(running("mc-proxy"), running("mc-web"), running("mc-proxy-sidecar")));

        assertThat(a.matches()).containsExactly(new Adoption.Match("mc-web", "web"));
        assertThat(a.skipped()).extracting(AdoptResult::container).containsExactly("mc-proxy", "mc-proxy-sidecar");
        assertThat(a.skipped()).allMatch(r -> r.success() && !r.adopted());
        assertThat(a.skipped().getFirst().skipped()).contains("service mc-proxy");
        assertThat(a.skipped().get(1).skipped()).contains("longer prefix of service mc-proxy");
    }

    @Test
    void discoveredEntries_doNotCountAsServicesThatKeepTheirContainers() {
        Adoption a = Adoption.plan("mc", List.of(discovered("mc-proxy"), discovered("mc-web")),
                List.of(running("mc-proxy"), running("mc-web")));

        assertThat(a.matches()).extracting(Adoption.Match::component).containsExactly("proxy", "web");
    }

    @Test
    void aComponentNameThatIsNotValid_isAFailure() {
        Adoption a = Adoption.plan("mc", List.of(), List.of(running("mc-Web")));

        assertThat(a.matches()).isEmpty();
        assertThat(a.skipped()).singleElement().satisfies(r -> {
            assertThat(r.success()).isFalse();
            assertThat(r.error()).contains("component name");
        });
    }

    @Test
    void record_takesTheInspectedSpecRenamed_desiredFollowsTheState_andRemovesTheDiscoveredEntries() {
        ComponentSpec inspected = new ComponentSpec("metacrypt-api", "reg/metacrypt:v1.7.0", "podman", "0:0", "unless-stopped",
                List.of("127.0.0.1:18443:8443"), List.of("/srv/metacrypt:/srv/metacrypt"), List.of("server"), List.of("A=1"));
        ContainerInfo api = new ContainerInfo("id1", "metacrypt-api", "reg/metacrypt:v1.7.0", "img1", ObservedState.RUNNING, T);
        ContainerInfo web = stopped("metacrypt-web");
        List<ServiceRecord> registry = List.of(discovered("metacrypt-api"), discovered("metacrypt-web"), discovered("scratchpad"));

        RegistryChange change = Adoption.record("metacrypt", registry, List.of(
                new Adoption.Adopted(new Adoption.Match("metacrypt-api", "api"), new ContainerDetails(api, inspected)),
                new Adoption.Adopted(new Adoption.Match("metacrypt-web", "web"),
                        new ContainerDetails(web, ComponentSpec.of("metacrypt-web", web.image())))));

        assertThat(change.removedServices()).containsExactlyInAnyOrder("metacrypt-api", "metacrypt-web");
        assertThat(change.services()).containsEntry("metacrypt", true);
        assertThat(change.components()).hasSize(2);
        ComponentRecord a = change.components().getFirst();
        assertThat(a.spec()).isEqualTo(inspected.withName("api"));
        assertThat(a.desired()).isEqualTo(DesiredState.RUNNING);
        assertThat(a.version()).isEqualTo("v1.7.0");
        assertThat(a.containerName()).isEqualTo("metacrypt-api");
        assertThat(change.components().get(1).desired()).isEqualTo(DesiredState.STOPPED);
    }

    @Test
    void record_dropsTheStaleDiscoveredEntryNamedLikeTheService_whenItsContainerWasRenamedToTheConvention() {
        // Discovered as "vault", then renamed by the operator to "vault-api" before adoption: "vault" is gone.
        ServiceRecord stale = new ServiceRecord("vault", true, List.of(Reconciliation.discovered(running("vault"))
                .withObservation(ObservedState.REMOVED, null, "")));
        ContainerInfo api = running("vault-api");

        RegistryChange change = Adoption.record("vault", List.of(stale, discovered("vault-api")), List.of(
                new Adoption.Adopted(new Adoption.Match("vault-api", "api"), new ContainerDetails(api, ComponentSpec.of("vault-api", api.image())))));

        assertThat(change.removedServices()).containsExactlyInAnyOrder("vault", "vault-api");
        assertThat(change.components()).extracting(ComponentRecord::name).containsExactly("api");
    }

    @Test
    void record_ofOnlyStoppedContainers_makesAnInactiveService_butAnExistingServiceKeepsItsFlag() {
        ContainerInfo web = stopped("mc-web");
        Adoption.Adopted adopted = new Adoption.Adopted(new Adoption.Match("mc-web", "web"),
                new ContainerDetails(web, ComponentSpec.of("mc-web", web.image())));

        assertThat(Adoption.record("mc", List.of(), List.of(adopted)).services()).containsEntry("mc", false);
        assertThat(Adoption.record("mc", List.of(managed("mc", "api")), List.of(adopted)).services()).containsEntry("mc", true);
    }
}
