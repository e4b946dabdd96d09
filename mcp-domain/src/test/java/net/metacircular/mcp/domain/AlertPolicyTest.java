package net.metacircular.mcp.domain;

import static net.metacircular.mcp.domain.ObservedState.EXITED;
import static net.metacircular.mcp.domain.ObservedState.REMOVED;
import static net.metacircular.mcp.domain.ObservedState.RUNNING;
import static net.metacircular.mcp.domain.ObservedState.STOPPED;
import static net.metacircular.mcp.domain.ObservedState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The alert rules under a simulated clock: each step observes one state and evaluates, as the monitor does. */
class AlertPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final AlertPolicy POLICY = new AlertPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(10));

    /** Plays observations of one component as the reconciler records them, keeping the event log. */
    private static final class Sim {
        final AlertPolicy policy;
        final DesiredState desired;
        AlertState state = AlertState.INITIAL;
        ObservedState observed = RUNNING;
        Instant now = T0;
        final List<Event> events = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();

        Sim(AlertPolicy policy, DesiredState desired) {
            this.policy = policy;
            this.desired = desired;
        }

        List<Alert> at(Duration after, ObservedState next) {
            now = T0.plus(after);
            if (next != observed) {
                events.add(new Event("app", "api", observed, next, now));
                observed = next;
            }
            return evaluate();
        }

        List<Alert> evaluate() {
            var c = new ComponentRecord("app", ComponentSpec.of("api", "app:v1"), desired, observed, "v1", T0, "id");
            var e = policy.evaluate(state, List.of(new ServiceRecord("app", true, List.of(c))), events, "rift", now);
            state = e.state();
            alerts.addAll(e.alerts());
            return e.alerts();
        }

        List<AlertType> types() {
            return alerts.stream().map(Alert::type).toList();
        }
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Test
    void crashOfARunningComponent_firesOneDriftAlertWithEveryVariable_andNoneOnLaterIterations() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        assertThat(sim.at(s(0), RUNNING)).isEmpty();

        List<Alert> first = sim.at(s(10), EXITED);

        assertThat(first).singleElement().satisfies(a -> assertThat(a.environment()).containsExactly(
                java.util.Map.entry("MCP_COMPONENT", "api"), java.util.Map.entry("MCP_SERVICE", "app"),
                java.util.Map.entry("MCP_NODE", "rift"), java.util.Map.entry("MCP_DESIRED", "running"),
                java.util.Map.entry("MCP_OBSERVED", "exited"), java.util.Map.entry("MCP_PREV_STATE", "running"),
                java.util.Map.entry("MCP_ALERT_TYPE", "drift"), java.util.Map.entry("MCP_TRANSITIONS", "1")));
        assertThat(sim.at(s(70), EXITED)).isEmpty();
        assertThat(sim.at(s(130), REMOVED)).isEmpty();
    }

    @Test
    void componentBackInItsDesiredState_afterADriftAlert_firesOneRecoveredAlert() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        sim.at(s(10), EXITED);

        assertThat(sim.at(s(20), RUNNING)).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.RECOVERED);
            assertThat(a.prev()).isEqualTo("exited");
            assertThat(a.observed()).isEqualTo("running");
        });
        assertThat(sim.at(s(80), RUNNING)).isEmpty();
    }

    @Test
    void repeatedCrashesWithinTheCooldown_giveOneDriftOneRecoveredAndOneFlapping() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        for (int i = 0; i < 6; i++) {
            sim.at(s(20L * i + 10), EXITED);
            sim.at(s(20L * i + 20), RUNNING);
        }

        assertThat(sim.types()).containsExactly(AlertType.DRIFT, AlertType.RECOVERED, AlertType.FLAPPING);
        assertThat(sim.alerts.get(2).transitions()).isEqualTo(3);
    }

    @Test
    void afterTheCooldown_aNewCrashAlertsAgain() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        sim.at(s(10), EXITED);
        sim.at(s(20), RUNNING);

        assertThat(sim.at(Duration.ofMinutes(16), EXITED)).extracting(Alert::type).containsExactly(AlertType.DRIFT);
    }

    @Test
    void flappingAlert_isNotRepeatedForTheSameTransitions_evenAfterItsCooldown() {
        AlertPolicy shortCooldown = new AlertPolicy(s(30), 3, Duration.ofMinutes(10));
        Sim sim = new Sim(shortCooldown, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        sim.at(s(1), EXITED);
        sim.at(s(2), RUNNING);
        sim.at(s(3), EXITED);
        assertThat(sim.types()).containsExactly(AlertType.DRIFT, AlertType.RECOVERED, AlertType.FLAPPING);

        assertThat(sim.at(s(120), EXITED)).isEmpty();
        assertThat(sim.at(s(240), EXITED)).isEmpty();
    }

    @Test
    void transitionsOlderThanTheFlapWindow_doNotCount() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        sim.at(s(1), EXITED);
        sim.at(s(2), RUNNING);

        sim.at(Duration.ofMinutes(30), EXITED);

        assertThat(sim.types()).containsExactly(AlertType.DRIFT, AlertType.RECOVERED, AlertType.DRIFT);
    }

    @Test
    void ignoredAndStoppedComponents_neverAlert_whateverHappens() {
        Random random = new Random(42);
        ObservedState[] states = ObservedState.values();
        for (DesiredState d : List.of(DesiredState.IGNORE, DesiredState.STOPPED)) {
            Sim sim = new Sim(POLICY, d);
            for (int i = 0; i < 500; i++) {
                sim.at(s(i * 7L), states[random.nextInt(states.length)]);
            }
            assertThat(sim.alerts).as("alerts for desired %s", d).isEmpty();
        }
    }

    @Test
    void anyObservationSequence_givesAtMostOneDriftAndOneFlappingPerCooldown_andOneRecoveredPerSentDrift() {
        Random random = new Random(7);
        ObservedState[] states = ObservedState.values();
        for (int run = 0; run < 50; run++) {
            Sim sim = new Sim(POLICY, DesiredState.RUNNING);
            long t = 0;
            for (int i = 0; i < 200; i++) {
                t += 1 + random.nextInt(120);
                sim.at(s(t), states[random.nextInt(states.length)]);
            }
            for (AlertType type : List.of(AlertType.DRIFT, AlertType.FLAPPING)) {
                List<Instant> at = sim.alerts.stream().filter(a -> a.type() == type).map(Alert::at).toList();
                for (int i = 1; i < at.size(); i++) {
                    assertThat(Duration.between(at.get(i - 1), at.get(i))).isGreaterThanOrEqualTo(POLICY.cooldown());
                }
            }
            int open = 0;
            for (Alert a : sim.alerts) {
                switch (a.type()) {
                    case DRIFT -> open++;
                    case RECOVERED -> {
                        assertThat(open).as("recovered without a drift alert before it").isEqualTo(1);
                        open--;
                    }
                    case FLAPPING, RUNTIME -> {
                    }
                }
                assertThat(a.observed()).isNotEqualTo("unknown");
            }
        }
    }

    @Test
    void unknownIsNeverDriftFlapOrRecovery_andACrashDuringAnOutageNamesTheLastKnownState() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), RUNNING);
        assertThat(sim.at(s(10), UNKNOWN)).isEmpty();
        assertThat(sim.at(s(20), RUNNING)).isEmpty();
        assertThat(sim.at(s(30), UNKNOWN)).isEmpty();
        assertThat(sim.at(s(40), RUNNING)).isEmpty();
        assertThat(sim.at(s(50), UNKNOWN)).isEmpty();

        assertThat(sim.at(s(60), STOPPED)).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.DRIFT);
            assertThat(a.prev()).isEqualTo("running");
            assertThat(a.transitions()).isZero();
        });
    }

    @Test
    void componentTheOperatorStops_whileDrifted_doesNotClaimARecoveryLater() {
        AlertPolicy p = POLICY;
        AlertState state = AlertState.INITIAL;
        var running = new ComponentRecord("app", ComponentSpec.of("api", "app:v1"), DesiredState.RUNNING, EXITED, "v1", T0, "id");
        state = p.evaluate(state, List.of(new ServiceRecord("app", true, List.of(running))), List.of(), "rift", T0).state();
        var stopped = running.withDesired(DesiredState.STOPPED);
        state = p.evaluate(state, List.of(new ServiceRecord("app", true, List.of(stopped))), List.of(), "rift", T0.plus(s(5))).state();
        var again = running.withDesired(DesiredState.RUNNING).withObservation(RUNNING, T0, "id");

        var e = p.evaluate(state, List.of(new ServiceRecord("app", true, List.of(again))), List.of(), "rift", T0.plus(s(10)));

        assertThat(e.alerts()).isEmpty();
    }

    @Test
    void runtimeOutage_firesOneRuntimeAlert_untilTheRuntimeAnswers() {
        AlertState state = AlertState.INITIAL;
        var first = POLICY.runtimeUnavailable(state, "rift", T0);
        var second = POLICY.runtimeUnavailable(first.state(), "rift", T0.plus(s(60)));

        assertThat(first.alerts()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AlertType.RUNTIME);
            assertThat(a.environment()).containsEntry("MCP_NODE", "rift").containsEntry("MCP_OBSERVED", "unknown")
                    .containsEntry("MCP_COMPONENT", "").containsKeys(Alert.VARIABLES.toArray(String[]::new));
        });
        assertThat(second.alerts()).isEmpty();
        AlertState answered = POLICY.runtimeAnswered(second.state());
        assertThat(answered.runtimeDown()).isFalse();
        assertThat(POLICY.runtimeUnavailable(answered, "rift", T0.plus(Duration.ofMinutes(20))).alerts()).hasSize(1);
        assertThat(POLICY.runtimeUnavailable(answered, "rift", T0.plus(Duration.ofMinutes(5))).alerts()).isEmpty();
    }

    @Test
    void componentsRemovedFromTheRegistry_areForgotten() {
        Sim sim = new Sim(POLICY, DesiredState.RUNNING);
        sim.at(s(0), EXITED);
        var e = POLICY.evaluate(sim.state, List.of(), List.of(), "rift", T0.plus(s(10)));
        assertThat(e.state().components()).isEmpty();
    }

    @Test
    void policyWithAThresholdBelowTwoOrNonPositiveDurations_isRefused() {
        assertThatThrownBy(() -> new AlertPolicy(Duration.ofMinutes(1), 1, Duration.ofMinutes(1)))
                .hasMessageContaining("flapThreshold");
        assertThatThrownBy(() -> new AlertPolicy(Duration.ZERO, 3, Duration.ofMinutes(1))).hasMessageContaining("cooldown");
        assertThatThrownBy(() -> new AlertPolicy(Duration.ofMinutes(1), 3, Duration.ofSeconds(-1)))
                .hasMessageContaining("flapWindow");
    }
}
