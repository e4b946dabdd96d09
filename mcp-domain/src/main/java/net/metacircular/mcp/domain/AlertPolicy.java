package net.metacircular.mcp.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The monitor's alert rules as a pure function of the registry, recent events, the previous {@link AlertState} and
 * the time: a drift alert on the transition into drift; a flapping alert when a component's transitions within
 * {@code flapWindow} reach {@code flapThreshold}; a {@code recovered} alert when a component whose drift was
 * alerted returns to its desired state; a per-component, per-type {@code cooldown}. Components with desired
 * {@code ignore} or {@code stopped} never alert, and {@code unknown} (the runtime could not be asked) is never
 * drift, never a flap and never a recovery.
 *
 * @param cooldown      how long an alert of one type suppresses the next of that type for the same component
 * @param flapThreshold transitions within {@code flapWindow} that count as flapping, at least 2
 * @param flapWindow    the flap window
 */
public record AlertPolicy(Duration cooldown, int flapThreshold, Duration flapWindow) {
    public AlertPolicy {
        Objects.requireNonNull(cooldown, "'cooldown' must not be null");
        Objects.requireNonNull(flapWindow, "'flapWindow' must not be null");
        if (cooldown.isNegative() || cooldown.isZero()) {
            throw new IllegalArgumentException("cooldown must be positive");
        }
        if (flapWindow.isNegative() || flapWindow.isZero()) {
            throw new IllegalArgumentException("flapWindow must be positive");
        }
        if (flapThreshold < 2) {
            throw new IllegalArgumentException("flapThreshold must be at least 2");
        }
    }

    /**
     * The next state and the alerts to send.
     *
     * @param state  the memory after this evaluation
     * @param alerts the alerts to send, in registry order
     */
    public record Evaluation(AlertState state, List<Alert> alerts) {
        public Evaluation {
            Objects.requireNonNull(state, "'state' must not be null");
            alerts = List.copyOf(alerts);
        }
    }

    /** The earliest event time that counts for flapping at {@code now}. */
    public Instant windowStart(Instant now) {
        return now.minus(flapWindow);
    }

    /**
     * Evaluates every component of {@code services} at {@code now}. {@code recent} holds the events since
     * {@link #windowStart}; events of other components or older ones are ignored. Components no longer in the
     * registry are forgotten.
     */
    public Evaluation evaluate(AlertState state, List<ServiceRecord> services, List<Event> recent, String node, Instant now) {
        Objects.requireNonNull(state, "'state' must not be null");
        Objects.requireNonNull(node, "'node' must not be null");
        Objects.requireNonNull(now, "'now' must not be null");
        Map<String, List<Event>> byComponent = new HashMap<>();
        Instant from = windowStart(now);
        for (Event e : recent) {
            if (!e.at().isBefore(from) && !e.at().isAfter(now)) {
                byComponent.computeIfAbsent(AlertState.key(e.service(), e.component()), k -> new ArrayList<>()).add(e);
            }
        }
        Map<String, AlertState.Tracked> next = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (ServiceRecord s : services) {
            for (ComponentRecord c : s.components()) {
                String key = AlertState.key(c.service(), c.name());
                List<Event> events = byComponent.getOrDefault(key, List.of());
                next.put(key, component(state.tracked(c.service(), c.name()), c, events, node, now, alerts));
            }
        }
        return new Evaluation(state.withComponents(next), alerts);
    }

    private AlertState.Tracked component(AlertState.Tracked t, ComponentRecord c, List<Event> events, String node,
                                         Instant now, List<Alert> alerts) {
        return switch (c.desired()) {
            // The operator does not want these watched (ignore) or asked for them to be down (stopped): a later
            // return to running must not claim a recovery either, so the episode is closed silently.
            case IGNORE, STOPPED -> switch (c.observed()) {
                case UNKNOWN -> t.episode(false, false);
                case RUNNING, STOPPED, EXITED, REMOVED -> t.seen(c.observed()).episode(false, false);
            };
            case RUNNING -> running(t, c, events, node, now, alerts);
        };
    }

    private AlertState.Tracked running(AlertState.Tracked t, ComponentRecord c, List<Event> events, String node,
                                       Instant now, List<Alert> alerts) {
        ObservedState prev = t.lastKnown().orElseGet(() -> latestPrev(events, c.observed()));
        int transitions = countable(events).size();
        AlertState.Tracked n = switch (c.observed()) {
            case UNKNOWN -> t;
            case RUNNING -> {
                AlertState.Tracked back = t.seen(ObservedState.RUNNING).episode(false, false);
                if (t.drifting() && t.driftAlerted()) {
                    alerts.add(Alert.of(AlertType.RECOVERED, node, c, prev, transitions, now));
                    yield back.alerted(AlertType.RECOVERED, now);
                }
                yield back;
            }
            case STOPPED, EXITED, REMOVED -> {
                AlertState.Tracked seen = t.seen(c.observed());
                if (t.drifting()) {
                    yield seen;
                }
                if (coolingDown(t, AlertType.DRIFT, now)) {
                    yield seen.episode(true, false);
                }
                alerts.add(Alert.of(AlertType.DRIFT, node, c, prev, transitions, now));
                yield seen.episode(true, true).alerted(AlertType.DRIFT, now);
            }
        };
        // Flapping is judged on a transition only, so a flap that has stopped is not reported again once the
        // cooldown ends; a flap that goes on is, at its next transition.
        boolean moved = c.observed() != ObservedState.UNKNOWN && t.lastKnown().map(k -> k != c.observed()).orElse(true);
        if (moved && flapping(t, events, now)) {
            alerts.add(Alert.of(AlertType.FLAPPING, node, c, prev, transitions, now));
            n = n.alerted(AlertType.FLAPPING, now);
        }
        return n;
    }

    /** Flapping when enough transitions are in the window, one of them newer than the last flapping alert. */
    private boolean flapping(AlertState.Tracked t, List<Event> events, Instant now) {
        List<Event> counted = countable(events);
        if (counted.size() < flapThreshold || coolingDown(t, AlertType.FLAPPING, now)) {
            return false;
        }
        Optional<Instant> last = t.lastAlert(AlertType.FLAPPING);
        return last.isEmpty() || counted.stream().anyMatch(e -> e.at().isAfter(last.get()));
    }

    /** Transitions into or out of {@code unknown} say something about the runtime, not the component. */
    private static List<Event> countable(List<Event> events) {
        return events.stream()
                .filter(e -> e.prev() != ObservedState.UNKNOWN && e.next() != ObservedState.UNKNOWN && e.prev() != e.next())
                .toList();
    }

    private boolean coolingDown(AlertState.Tracked t, AlertType type, Instant now) {
        return t.lastAlert(type).map(at -> now.isBefore(at.plus(cooldown))).orElse(false);
    }

    /** For a component seen for the first time: the state it left, from its latest event into {@code current}. */
    private static ObservedState latestPrev(List<Event> events, ObservedState current) {
        return events.stream().filter(e -> e.next() == current && e.prev() != ObservedState.UNKNOWN)
                .max(Comparator.comparing(Event::at)).map(Event::prev).orElse(null);
    }

    /**
     * The runtime could not be asked at {@code now}: one {@code runtime} alert when an outage begins (unless one
     * fired within the cooldown), nothing while it lasts.
     */
    public Evaluation runtimeUnavailable(AlertState state, String node, Instant now) {
        if (state.runtimeDown()) {
            return new Evaluation(state, List.of());
        }
        boolean cooling = state.runtimeAlertedAt().map(at -> now.isBefore(at.plus(cooldown))).orElse(false);
        if (cooling) {
            return new Evaluation(state.withRuntime(true, state.runtimeAlertedAt()), List.of());
        }
        return new Evaluation(state.withRuntime(true, Optional.of(now)), List.of(Alert.runtime(node, now)));
    }

    /** The runtime answered: the outage, if any, is over. */
    public AlertState runtimeAnswered(AlertState state) {
        return state.withRuntime(false, state.runtimeAlertedAt());
    }
}
