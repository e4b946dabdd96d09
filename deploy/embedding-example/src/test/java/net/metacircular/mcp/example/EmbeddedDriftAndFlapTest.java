package net.metacircular.mcp.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.metacircular.mcp.adapter.fake.FakeRuntime;
import net.metacircular.mcp.domain.Alert;
import net.metacircular.mcp.domain.AlertPolicy;
import net.metacircular.mcp.domain.AlertState;
import net.metacircular.mcp.domain.AlertType;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.Reconciliation;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.StatusReport;
import net.metacircular.mcp.port.out.ContainerRuntime;
import org.junit.jupiter.api.Test;

/**
 * How another tool embeds MCP's core: it keeps its own record of what should run, lists a container runtime
 * (here the fake, in simulation), and asks the domain what has drifted and what is flapping. No agent, no
 * registry, no gRPC: only {@code mcp-domain}, {@code mcp-ports} and the fake runtime are on the class path.
 */
class EmbeddedDriftAndFlapTest {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final FakeRuntime fake = new FakeRuntime(() -> now);
    private final ContainerRuntime runtime = fake;
    private final AlertPolicy policy = new AlertPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(10));

    /** The embedding tool's own state: components by container name, and the events it has seen. */
    private final Map<String, ComponentRecord> components = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private AlertState alertState = AlertState.INITIAL;
    private final List<Alert> alerts = new ArrayList<>();

    private void want(String service, String component, String image) {
        components.put(service + "-" + component, new ComponentRecord(service, ComponentSpec.of(component, image),
                DesiredState.RUNNING, ObservedState.UNKNOWN, "", null, ""));
    }

    private List<ServiceRecord> services() {
        Map<String, List<ComponentRecord>> by = new LinkedHashMap<>();
        components.values().forEach(c -> by.computeIfAbsent(c.service(), s -> new ArrayList<>()).add(c));
        return by.entrySet().stream().map(e -> new ServiceRecord(e.getKey(), true, e.getValue())).toList();
    }

    /** One look at the runtime: reconcile, remember transitions, evaluate alerts. */
    private void observe() {
        Reconciliation r = Reconciliation.of(services(), runtime.list(), now);
        for (ComponentRecord c : r.change().components()) {
            if (c.desired() != DesiredState.IGNORE) {
                components.put(c.containerName(), c);
            }
        }
        events.addAll(r.transitions());
        AlertPolicy.Evaluation e = policy.evaluate(alertState, services(), events, "example", now);
        alertState = e.state();
        alerts.addAll(e.alerts());
    }

    private void tick(int seconds) {
        now = now.plusSeconds(seconds);
    }

    @Test
    void aCrashingComponent_isDrift_alertsOnce_andFlappingIsNoticed() {
        want("shop", "api", "registry.example/shop-api:v3");
        want("shop", "web", "registry.example/shop-web:v3");
        fake.startExternally("shop-api", "registry.example/shop-api:v3");
        fake.startExternally("shop-web", "registry.example/shop-web:v3");
        observe();
        assertThat(StatusReport.driftOf(services())).isEmpty();

        tick(30);
        fake.crash("shop-web", 137);
        observe();
        assertThat(StatusReport.driftOf(services())).extracting(ComponentRecord::name).containsExactly("web");
        assertThat(components.get("shop-web").drift()).contains("crashed");

        for (int i = 0; i < 3; i++) {
            tick(20);
            runtime.start("shop-web");
            observe();
            tick(20);
            fake.crash("shop-web", 137);
            observe();
        }

        assertThat(alerts).filteredOn(a -> a.type() == AlertType.DRIFT).hasSize(1);
        assertThat(alerts).filteredOn(a -> a.type() == AlertType.FLAPPING).hasSize(1)
                .first().satisfies(a -> assertThat(a.environment()).containsEntry("MCP_COMPONENT", "web"));
        assertThat(alerts).allSatisfy(a -> assertThat(a.service()).isEqualTo("shop"));
    }
}
