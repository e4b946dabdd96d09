package net.metacircular.mcp.application;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import net.metacircular.mcp.domain.Alert;
import net.metacircular.mcp.domain.AlertPolicy;
import net.metacircular.mcp.domain.AlertState;
import net.metacircular.mcp.domain.AlertType;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.Text;
import net.metacircular.mcp.port.out.AlertSink;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerEvents;
import net.metacircular.mcp.port.out.ContainerRuntimeException;
import net.metacircular.mcp.port.out.Registry;

/**
 * The agent's monitor: every {@code interval}, and as soon as the runtime reports a container event, it reconciles
 * the registry against the runtime, evaluates the {@link AlertPolicy} and hands alerts to the {@link AlertSink}.
 * One iteration ({@link #runOnce}) is a plain method, so tests drive it with a simulated clock; {@link #start} adds
 * the loop. Checks never overlap: the periodic and the event-driven path share one thread. An event-driven
 * check lists only the containers concerned ({@link #check(Set)}); the periodic iteration lists the whole node.
 * A {@code died} event of a running component is recorded before that listing, from the event alone
 * ({@link #died(List)}): a crash is in the registry and alerted on without waiting for the runtime's answer.
 * The loop prunes old events on a thread of its own, so a long prune never delays a check.
 */
public final class Monitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Monitor.class.getName());
    /** How long {@link #close} waits for a prune in progress. */
    private static final Duration PRUNE_STOP_WAIT = Duration.ofSeconds(2);
    /** The runtime's words for events that can change what a listing shows. */
    static final Set<String> TRIGGERS = Set.of("create", "start", "restart", "died", "stop", "pause", "unpause",
            "remove", "cleanup", "rename");
    /** The runtime's word for a container whose main process ended. */
    static final String DIED = "died";

    private final Reconciler reconciler;
    private final Registry registry;
    private final AlertSink sink;
    private final InstantSource clock;
    private final Settings settings;
    private final Object signal = new Object();
    private AlertState state = AlertState.INITIAL;
    private Instant outageSince;
    /** Containers whose events arrived since the last check, under {@code signal}. */
    private final Set<String> pending = new HashSet<>();
    /** The newest {@code died} event of each container since the last check, under {@code signal}. */
    private final Map<String, ContainerEvent> deaths = new HashMap<>();
    private boolean stopping;
    private Thread loop;
    /** The prune started by the loop, while it runs; under {@code signal}. */
    private Thread pruner;
    private ContainerEvents.Subscription subscription;

    /**
     * How the monitor runs.
     *
     * @param node      the node's name, passed to alerts
     * @param interval  time between periodic iterations
     * @param retention how long events are kept
     * @param policy    the alert rules
     */
    public record Settings(String node, Duration interval, Duration retention, AlertPolicy policy) {
        public Settings {
            Objects.requireNonNull(node, "'node' must not be null");
            Objects.requireNonNull(interval, "'interval' must not be null");
            Objects.requireNonNull(retention, "'retention' must not be null");
            Objects.requireNonNull(policy, "'policy' must not be null");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive");
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive");
            }
        }
    }

    /**
     * What one iteration did.
     *
     * @param pruned           events deleted for being older than the retention
     * @param transitions      the transitions this iteration recorded
     * @param alerts           the alerts handed to the sink
     * @param runtimeAvailable whether the runtime answered
     */
    public record Iteration(int pruned, List<Event> transitions, List<Alert> alerts, boolean runtimeAvailable) {
        public Iteration {
            transitions = List.copyOf(transitions);
            alerts = List.copyOf(alerts);
        }
    }

    public Monitor(Reconciler reconciler, Registry registry, AlertSink sink, InstantSource clock, Settings settings) {
        this.reconciler = Objects.requireNonNull(reconciler, "'reconciler' must not be null");
        this.registry = Objects.requireNonNull(registry, "'registry' must not be null");
        this.sink = Objects.requireNonNull(sink, "'sink' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
    }

    /** One periodic iteration, all on the caller's thread: {@link #prune}, then {@link #check}. */
    public synchronized Iteration runOnce() {
        int pruned = prune();
        Iteration i = check();
        return new Iteration(pruned, i.transitions(), i.alerts(), i.runtimeAvailable());
    }

    /**
     * Deletes the events older than the retention; returns how many. Needs no monitor lock: the registry orders it
     * with the checks' writes, batch by batch.
     */
    public int prune() {
        int pruned = registry.pruneEvents(clock.instant().minus(settings.retention()));
        if (pruned > 0) {
            LOG.log(System.Logger.Level.DEBUG, "pruned {0} events older than {1}", pruned, settings.retention());
        }
        return pruned;
    }

    /**
     * The loop's prune: on its own thread, one at a time, so a large backlog (a million rows take a minute or two,
     * BENCHMARKS.md P6) never holds off the checks that detect a crash.
     */
    private void pruneInBackground() {
        synchronized (signal) {
            if (stopping || (pruner != null && pruner.isAlive())) {
                return;
            }
            pruner = Thread.ofPlatform().name("mcp-prune").daemon(true).start(() -> {
                try {
                    prune();
                } catch (RuntimeException e) {
                    // The next periodic iteration tries again.
                    LOG.log(stoppingNow() ? System.Logger.Level.DEBUG : System.Logger.Level.ERROR,
                            "pruning old events failed: " + e, e);
                }
            });
        }
    }

    private boolean stoppingNow() {
        synchronized (signal) {
            return stopping;
        }
    }

    /** Reconciles with one full runtime listing, evaluates the alert rules and sends the alerts. */
    public synchronized Iteration check() {
        return check(reconciler::reconcile, true);
    }

    /**
     * What {@code died} events call for first: records the deaths they report ({@link Reconciler#died}, which says
     * when an event is trusted alone) and evaluates the alert rules, asking the runtime nothing. The loop follows it
     * with a listing of the same containers ({@link #check(Set)}), which confirms or corrects what was recorded.
     */
    public synchronized Iteration died(List<ContainerEvent> events) {
        List<ContainerEvent> copy = List.copyOf(events);
        return check(() -> reconciler.died(copy), false);
    }

    /**
     * What container events call for: reconciles the services owning {@code containers} against a listing of just
     * their containers, then evaluates the alert rules and sends the alerts as {@link #check()} does.
     */
    public synchronized Iteration check(Set<String> containers) {
        Set<String> names = Set.copyOf(containers);
        return check(() -> reconciler.reconcile(names), true);
    }

    /** {@code askedRuntime}: whether {@code reconcile} asked the runtime, so its answer ends an outage. */
    private Iteration check(Supplier<List<Event>> reconcile, boolean askedRuntime) {
        List<Event> transitions;
        try {
            transitions = reconcile.get();
        } catch (ContainerRuntimeException e) {
            return outage(e, clock.instant());
        }
        if (!askedRuntime && transitions.isEmpty()) {
            // nothing learned: no evaluation, and an outage stays an outage until the runtime itself answers
            return new Iteration(0, List.of(), List.of(), outageSince == null);
        }
        // Read after the reconciliation, so the transitions it just recorded fall inside the flap window.
        Instant now = clock.instant();
        if (askedRuntime) {
            if (outageSince != null) {
                LOG.log(System.Logger.Level.INFO, "the container runtime answers again after {0}; observed states are "
                        + "current", Duration.between(outageSince, now));
                outageSince = null;
            }
            state = settings.policy().runtimeAnswered(state);
        }
        List<ServiceRecord> services = registry.services();
        Instant from = settings.policy().windowStart(now);
        List<Event> recent = new ArrayList<>();
        for (ServiceRecord s : services) {
            for (ComponentRecord c : s.components()) {
                if (c.desired() == DesiredState.RUNNING) {
                    recent.addAll(registry.events(c.service(), c.name(), from));
                }
            }
        }
        AlertPolicy.Evaluation e = settings.policy().evaluate(state, services, recent, settings.node(), now);
        state = e.state();
        e.alerts().forEach(this::deliver);
        return new Iteration(0, transitions, e.alerts(), outageSince == null);
    }

    private Iteration outage(ContainerRuntimeException e, Instant now) {
        AlertPolicy.Evaluation ev = settings.policy().runtimeUnavailable(state, settings.node(), now);
        if (outageSince == null) {
            outageSince = now;
            LOG.log(System.Logger.Level.WARNING, "the container runtime is unavailable ({0}); observed states are unknown "
                    + "until it answers{1}", Text.quoteSafe(String.valueOf(e.getMessage())),
                    ev.alerts().isEmpty() ? " (runtime alert within its cooldown)" : "; runtime alert sent");
        }
        state = ev.state();
        ev.alerts().forEach(this::deliver);
        return new Iteration(0, List.of(), ev.alerts(), false);
    }

    private void deliver(Alert a) {
        if (a.type() != AlertType.RUNTIME) {
            LOG.log(a.type() == AlertType.RECOVERED ? System.Logger.Level.INFO : System.Logger.Level.WARNING, a.summary());
        }
        try {
            sink.send(a);
        } catch (RuntimeException ex) {
            LOG.log(System.Logger.Level.WARNING, "alert sink refused {0}: {1}", a.type().wire(), ex.getMessage());
        }
    }

    /** The alert memory, for tests and diagnostics. */
    public synchronized AlertState alertState() {
        return state;
    }

    /**
     * True when {@code event} calls for a check now: its action can change what the runtime lists, and its container
     * is one the registry holds a desired state for ({@code running} or {@code stopped}). Other containers on the
     * node — other users' churn, containers recorded as {@code ignore} — are seen by the next periodic iteration
     * instead, so they never cost a full listing each, and asking costs one small registry query
     * ({@link Registry#managedContainers}), not a load of every service (BENCHMARKS.md, P4). When the registry cannot
     * be read the answer is yes: a needless check is cheaper than a missed crash.
     */
    public boolean triggers(ContainerEvent event) {
        if (!TRIGGERS.contains(event.action())) {
            return false;
        }
        try {
            return registry.managedContainers().contains(event.container());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "registry unreadable while filtering an event ({0}); checking", e.toString());
            return true;
        }
    }

    /**
     * Wakes the loop for an event-driven check when {@code event} {@linkplain #triggers triggers} one; a {@code died}
     * event that names its container's ID is also kept for {@link #died(List)}.
     */
    public void onEvent(ContainerEvent event) {
        if (triggers(event)) {
            synchronized (signal) {
                pending.add(event.container());
                if (DIED.equals(event.action()) && !event.id().isEmpty()) {
                    deaths.put(event.container(), event);
                }
                signal.notifyAll();
            }
        }
    }

    /**
     * Starts the loop on its own thread: an iteration at once, then one every {@code interval}, and a check as soon
     * as {@code events} (when present) reports a container event.
     */
    public void start(Optional<ContainerEvents> events) {
        synchronized (signal) {
            if (loop != null) {
                throw new IllegalStateException("the monitor is already started");
            }
            loop = Thread.ofPlatform().name("mcp-monitor").daemon(true).unstarted(this::loop);
            loop.start();
        }
        events.ifPresent(ev -> subscription = ev.watch(this::onEvent));
        LOG.log(System.Logger.Level.INFO, "monitor started: every {0}{1}", settings.interval(),
                events.isPresent() ? ", and on every event of a container it manages" : "");
    }

    /**
     * The loop: a periodic iteration {@code interval} after the end of the previous one, on a monotonic clock, and
     * between them a check of the containers whose events arrived. Events never postpone the periodic iteration (a
     * container restarting every few seconds must not stop pruning and discovery), and when it is due it covers the
     * pending containers too. The deaths that arrived are recorded first, from their events ({@link #died(List)}).
     */
    private void loop() {
        long interval = settings.interval().toNanos();
        Set<String> woken = Set.of(); // empty: a periodic iteration
        List<ContainerEvent> deathsNow = List.of();
        long nextPeriodic = System.nanoTime();
        while (true) {
            boolean periodic = woken.isEmpty();
            if (!deathsNow.isEmpty()) {
                try {
                    died(deathsNow); // the fast path: the deaths are recorded and alerted on before any listing
                } catch (RuntimeException e) {
                    // the listing below still runs and records what the runtime shows
                    LOG.log(System.Logger.Level.WARNING, "recording deaths from their events failed: " + e, e);
                }
            }
            try {
                if (periodic) {
                    pruneInBackground();
                    check();
                } else {
                    check(woken);
                }
            } catch (RuntimeException e) {
                // The monitor must outlive any one bad iteration (a registry hiccup, a bug); the next one retries.
                LOG.log(System.Logger.Level.ERROR, "monitor iteration failed: " + e, e);
            }
            if (periodic) {
                // counted from the end, so a runtime that hangs until each call's deadline is still asked only once
                // per interval, not back to back
                nextPeriodic = System.nanoTime() + interval;
            }
            synchronized (signal) {
                long wait;
                while (pending.isEmpty() && !stopping && (wait = nextPeriodic - System.nanoTime()) > 0) {
                    try {
                        signal.wait(Math.max(1, wait / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (stopping) {
                    return;
                }
                woken = nextPeriodic - System.nanoTime() <= 0 ? Set.of() : Set.copyOf(pending);
                pending.clear();
                deathsNow = List.copyOf(deaths.values());
                deaths.clear();
            }
        }
    }

    /**
     * Stops following events and ends the loop after its current iteration (waiting up to 30 s for it), then waits
     * up to 2 s for a prune in progress; a prune cut short by the registry closing loses nothing (it commits batch
     * by batch) and the next start goes on with it.
     */
    @Override
    public void close() {
        ContainerEvents.Subscription sub = subscription;
        if (sub != null) {
            sub.close();
        }
        Thread t;
        Thread p;
        synchronized (signal) {
            stopping = true;
            signal.notifyAll();
            t = loop;
            p = pruner;
        }
        if (t != null) {
            try {
                if (!t.join(Duration.ofSeconds(30))) {
                    LOG.log(System.Logger.Level.WARNING, "the monitor's iteration did not end within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (p != null) {
            try {
                // A prune commits batch by batch; one cut short by the registry closing loses nothing.
                if (!p.join(PRUNE_STOP_WAIT)) {
                    LOG.log(System.Logger.Level.INFO,
                            "stopping in the middle of pruning old events; the next start goes on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
