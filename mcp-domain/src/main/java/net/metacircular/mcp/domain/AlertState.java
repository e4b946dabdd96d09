package net.metacircular.mcp.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the monitor remembers between evaluations, as a value: per component the last known state, whether it is
 * in a drift episode and whether that episode was alerted, and when each type of alert last fired; per node whether
 * the runtime is down. Components are keyed {@code service/component}.
 *
 * @param components  per-component memory
 * @param runtimeDown whether the runtime was unavailable at the last attempt
 * @param runtimeAlertedAt when the last runtime alert fired, empty when never
 */
public record AlertState(Map<String, Tracked> components, boolean runtimeDown, Optional<Instant> runtimeAlertedAt) {
    /** Nothing remembered: the state of a freshly started monitor. */
    public static final AlertState INITIAL = new AlertState(Map.of(), false, Optional.empty());

    public AlertState {
        components = Map.copyOf(components);
        Objects.requireNonNull(runtimeAlertedAt, "'runtimeAlertedAt' must not be null");
    }

    /** The key of a component in {@link #components}. */
    public static String key(String service, String component) {
        return service + "/" + component;
    }

    /** The memory of one component, or a fresh one. */
    public Tracked tracked(String service, String component) {
        return components.getOrDefault(key(service, component), Tracked.FRESH);
    }

    /** A copy with another runtime status. */
    AlertState withRuntime(boolean down, Optional<Instant> alertedAt) {
        return new AlertState(components, down, alertedAt);
    }

    /** A copy with other component memories. */
    AlertState withComponents(Map<String, Tracked> next) {
        return new AlertState(new HashMap<>(next), runtimeDown, runtimeAlertedAt);
    }

    /**
     * What the monitor remembers of one component.
     *
     * @param lastKnown    the last state other than {@code unknown} it saw, empty when none yet
     * @param drifting     whether the component is in a drift episode
     * @param driftAlerted whether that episode's drift alert was sent (a {@code recovered} alert follows only then)
     * @param lastAlerts   when each type of alert last fired for it
     */
    public record Tracked(Optional<ObservedState> lastKnown, boolean drifting, boolean driftAlerted,
                          Map<AlertType, Instant> lastAlerts) {
        /** A component the monitor has not seen yet. */
        public static final Tracked FRESH = new Tracked(Optional.empty(), false, false, Map.of());

        public Tracked {
            Objects.requireNonNull(lastKnown, "'lastKnown' must not be null");
            lastAlerts = lastAlerts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(lastAlerts));
        }

        /** When {@code type} last fired for this component. */
        public Optional<Instant> lastAlert(AlertType type) {
            return Optional.ofNullable(lastAlerts.get(type));
        }

        Tracked seen(ObservedState s) {
            return new Tracked(Optional.of(s), drifting, driftAlerted, lastAlerts);
        }

        Tracked episode(boolean nowDrifting, boolean alerted) {
            return new Tracked(lastKnown, nowDrifting, alerted, lastAlerts);
        }

        Tracked alerted(AlertType type, Instant at) {
            Map<AlertType, Instant> m = new EnumMap<>(AlertType.class);
            m.putAll(lastAlerts);
            m.put(type, at);
            return new Tracked(lastKnown, drifting, driftAlerted, m);
        }
    }
}
