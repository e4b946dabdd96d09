package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncPlanTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final ComponentSpec API = ComponentSpec.of("api", "reg/mc:v1");
    private static final ComponentSpec WEB = ComponentSpec.of("web", "reg/mc:v1");

    private static ComponentRecord rec(String service, ComponentSpec spec, DesiredState d, ObservedState o) {
        return new ComponentRecord(service, spec, d, o, "v1", T, "id");
    }

    private static ServiceRecord discovered(String container) {
        return new ServiceRecord(container, true, List.of(Reconciliation.discovered(
                new ContainerInfo("id", container, "img:v1", "i", ObservedState.RUNNING, T))));
    }

    @Test
    void inactiveService_recordsStoppedAndStopsItsRunningContainers() {
        ServiceRecord mc = new ServiceRecord("mc", true, List.of(rec("mc", API, DesiredState.RUNNING, ObservedState.RUNNING),
                rec("mc", WEB, DesiredState.RUNNING, ObservedState.EXITED)));

        SyncPlan p = SyncPlan.of(new ServiceSpec("mc", false, List.of(API, WEB)), List.of(mc));

        assertThat(p.changed()).isTrue();
        assertThat(p.change().services()).containsEntry("mc", false);
        assertThat(p.change().components()).extracting(ComponentRecord::desired).containsOnly(DesiredState.STOPPED);
        assertThat(p.actions()).containsExactly(new SyncPlan.Action("api", "mc-api", SyncPlan.Verb.STOP));
        assertThat(p.result(Map.of()).summary()).isEqualTo("desired state recorded; stopped api");
    }

    @Test
    void activeService_keepsRunningOnesAndStartsStoppedOnes_unchangedWhenNothingDiffers() {
        ServiceRecord mc = new ServiceRecord("mc", true, List.of(rec("mc", API, DesiredState.RUNNING, ObservedState.RUNNING),
                rec("mc", WEB, DesiredState.RUNNING, ObservedState.STOPPED)));

        SyncPlan p = SyncPlan.of(new ServiceSpec("mc", true, List.of(API, WEB)), List.of(mc));

        assertThat(p.changed()).isFalse();
        assertThat(p.actions()).containsExactly(new SyncPlan.Action("web", "mc-web", SyncPlan.Verb.START));
        assertThat(p.result(Map.of("web", "boom")).summary()).isEqualTo("unchanged; web: start failed: boom");
    }

    @Test
    void aComponentWithoutContainer_isRecordedForALaterDeploy_butADeployedSpecIsKept() {
        ComponentSpec newWeb = WEB.withImage("reg/mc:v2");
        ServiceRecord mc = new ServiceRecord("mc", true, List.of(rec("mc", WEB, DesiredState.RUNNING, ObservedState.RUNNING)));

        SyncPlan p = SyncPlan.of(new ServiceSpec("mc", true, List.of(API, newWeb)), List.of(mc));

        assertThat(p.change().components()).extracting(ComponentRecord::spec).containsExactly(API, WEB);
        assertThat(p.change().components().getFirst().observed()).isEqualTo(ObservedState.REMOVED);
        assertThat(p.notes()).containsExactly("api: recorded, no container yet (deploy to create it)",
                "web: spec differs from the deployed one (deploy to apply it)");
    }

    @Test
    void anUnmanagedContainerOfThatName_isNotClaimed() {
        SyncPlan p = SyncPlan.of(new ServiceSpec("scratchpad", true, List.of(ComponentSpec.of("scratchpad", "img:v1"))),
                List.of(discovered("scratchpad")));

        assertThat(p.change().isEmpty()).isTrue();
        assertThat(p.changed()).isFalse();
        assertThat(p.notes()).singleElement().asString().contains("is unmanaged");
    }

    @Test
    void aContainerOfAnotherManagedService_refusesTheService() {
        ServiceRecord other = new ServiceRecord("mc", true, List.of(rec("mc", ComponentSpec.of("web", "img:v1"),
                DesiredState.RUNNING, ObservedState.RUNNING)));
        // service "mc-web" with component "mc-web" runs as container mc-web, which mc/web owns
        SyncPlan p = SyncPlan.of(new ServiceSpec("mc-web", true, List.of(ComponentSpec.of("mc-web", "img:v1"))), List.of(other));

        assertThat(p.change().isEmpty()).isTrue();
        assertThat(p.result(Map.of()).summary()).startsWith("refused: container mc-web belongs to component web of service mc");
    }

    @Test
    void componentsTheDefinitionLacks_areLeftAsTheyAre() {
        ServiceRecord mc = new ServiceRecord("mc", true, List.of(rec("mc", API, DesiredState.RUNNING, ObservedState.RUNNING),
                rec("mc", WEB, DesiredState.RUNNING, ObservedState.RUNNING)));

        SyncPlan p = SyncPlan.of(new ServiceSpec("mc", true, List.of(API)), List.of(mc));

        assertThat(p.change().components()).extracting(ComponentRecord::name).containsExactly("api");
        assertThat(p.notes()).containsExactly("web: not in the definition, left as is");
    }

    @Test
    void servicesAbsentFromThePush_areReportedNotRemoved_andDiscoveredOnesAreListed() {
        ServiceRecord mc = new ServiceRecord("mc", true, List.of(rec("mc", API, DesiredState.RUNNING, ObservedState.RUNNING)));
        List<ServiceRecord> before = List.of(mc, discovered("old"));
        List<ServiceRecord> after = List.of(mc, discovered("old"), discovered("scratchpad"));

        assertThat(SyncPlan.absent(List.of(), after)).containsExactly(
                new ServiceSyncResult("mc", false, "not in any definition for this node; left as is"));
        assertThat(SyncPlan.unmanaged(before, after)).containsExactly(
                new ServiceSyncResult("old", false, "unmanaged container old (ignore)"),
                new ServiceSyncResult("scratchpad", true, "discovered container scratchpad; recorded as ignore"));
    }
}
