package net.metacircular.mcp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");

    private static ComponentRecord comp(String service, String name, DesiredState d, ObservedState o) {
        return new ComponentRecord(service, ComponentSpec.of(name, "app:v1"), d, o, "v1", T0, "id-" + name);
    }

    @Test
    void registryComponentSeenInRuntime_takesTheRuntimesState_andRecordsOneEvent() {
        var reg = List.of(new ServiceRecord("app", true, List.of(comp("app", "api", DesiredState.RUNNING, ObservedState.RUNNING))));
        var seen = List.of(new ContainerInfo("id-api", "app-api", "app:v1", "img", ObservedState.EXITED, T0));
        Reconciliation r = Reconciliation.of(reg, seen, NOW);
        assertThat(r.transitions()).containsExactly(new Event("app", "api", ObservedState.RUNNING, ObservedState.EXITED, NOW));
        assertThat(r.change().components()).singleElement().satisfies(c -> assertThat(c.observed()).isEqualTo(ObservedState.EXITED));
    }

    @Test
    void registryComponentMissingFromRuntime_becomesRemoved() {
        var reg = List.of(new ServiceRecord("app", true, List.of(comp("app", "api", DesiredState.RUNNING, ObservedState.RUNNING))));
        Reconciliation r = Reconciliation.of(reg, List.of(), NOW);
        assertThat(r.change().components()).singleElement().satisfies(c -> {
            assertThat(c.observed()).isEqualTo(ObservedState.REMOVED);
            assertThat(c.containerId()).isEmpty();
        });
    }

    @Test
    void unknownContainer_isAddedAsItsOwnServiceWithDesiredIgnore() {
        var seen = List.of(new ContainerInfo("id9", "scratchpad", "busybox:1", "img", ObservedState.RUNNING, T0));
        Reconciliation r = Reconciliation.of(List.of(), seen, NOW);
        assertThat(r.change().components()).singleElement().satisfies(c -> {
            assertThat(c.service()).isEqualTo("scratchpad");
            assertThat(c.name()).isEqualTo("scratchpad");
            assertThat(c.desired()).isEqualTo(DesiredState.IGNORE);
            assertThat(c.version()).isEqualTo("1");
        });
        assertThat(r.transitions()).isEmpty();
    }

    @Test
    void nothingChanged_isEmpty() {
        var reg = List.of(new ServiceRecord("mc-proxy", true, List.of(comp("mc-proxy", "mc-proxy", DesiredState.RUNNING, ObservedState.RUNNING))));
        var seen = List.of(new ContainerInfo("id-mc-proxy", "mc-proxy", "app:v1", "img", ObservedState.RUNNING, T0));
        assertThat(Reconciliation.of(reg, seen, NOW).isEmpty()).isTrue();
    }
}
