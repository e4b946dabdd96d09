package net.metacircular.mcp.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.metacircular.mcp.application.Deployer;
import net.metacircular.mcp.application.Monitor;
import net.metacircular.mcp.application.Reconciler;
import net.metacircular.mcp.application.ServiceLocks;
import net.metacircular.mcp.domain.Alert;
import net.metacircular.mcp.domain.AlertPolicy;
import net.metacircular.mcp.domain.AlertType;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.Event;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerRuntime;
import net.metacircular.mcp.port.out.InMemoryRegistry;
import net.metacircular.mcp.port.out.Registry;
import org.junit.jupiter.api.Test;

/**
 * The offline rehearsal: an agent's monitor on the fake runtime replays a scenario under a simulated clock, driven
 * the way the real loop drives it (on every event of a managed container the deaths it reports, then a check; an
 * iteration every interval), and the event log and the alerts are exactly the expected ones.
 */
class MonitorScenarioTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final String IMAGE = "registry.example/app:v1";

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final InstantSource clock = now::get;
    private final FakeRuntime runtime = new FakeRuntime(clock);
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final ServiceLocks locks = new ServiceLocks(clock);
    // written by the monitor's thread in the loop tests
    private final List<Alert> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ContainerEvent> pending = new ArrayList<>();

    private Monitor monitor(Duration interval, Duration cooldown, int threshold, Duration window, Duration retention) {
        Reconciler reconciler = new Reconciler(runtime, registry, clock, locks);
        return new Monitor(reconciler, registry, alerts::add, clock,
                new Monitor.Settings("rift", interval, retention, new AlertPolicy(cooldown, threshold, window)));
    }

    /** A monitor on {@code rt} and {@code reg} (test doubles wrapping the fakes) as the loop tests drive it. */
    private Monitor loopMonitor(ContainerRuntime rt, Registry reg, Duration interval) {
        return new Monitor(new Reconciler(rt, reg, clock, locks), reg, alerts::add, clock,
                new Monitor.Settings("rift", interval, Duration.ofDays(1),
                        new AlertPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(10))));
    }

    /** What an operator's stop of the one-component service "shop" writes, under its lock as the use case does. */
    private void stopShop() {
        locks.with("shop", () -> {
            registry.apply(net.metacircular.mcp.domain.RegistryChange.builder().service("shop", false)
                    .component(registry.service("shop").orElseThrow().components().getFirst()
                            .withDesired(net.metacircular.mcp.domain.DesiredState.STOPPED))
                    .build());
            return null;
        });
    }

    private void deploy(String service, boolean active, String... components) {
        List<ComponentSpec> specs = new ArrayList<>();
        for (String c : components) {
            specs.add(ComponentSpec.of(c, IMAGE));
        }
        // One component at a time: a whole-service deploy runs its components concurrently, and the log's order of
        // same-instant transitions would then vary from run to run.
        Deployer deployer = new Deployer(runtime, registry, clock, locks, Duration.ZERO);
        for (String c : components) {
            deployer.deploy(new ServiceSpec(service, active, specs), Optional.of(c), false);
        }
    }

    /**
     * Replays {@code scenario} until {@code end}, as the agent's loop would: an iteration every {@code interval},
     * and a check right after any step that made the runtime report an event the monitor is woken by.
     */
    private void replay(Scenario scenario, Monitor m, Duration interval, Duration end) {
        runtime.watch(pending::add);
        List<Scenario.Step> steps = new ArrayList<>(scenario.steps());
        Duration nextTick = Duration.ZERO;
        Duration t = Duration.ZERO;
        while (t.compareTo(end) <= 0) {
            if (!steps.isEmpty() && steps.getFirst().at().compareTo(nextTick) <= 0) {
                Scenario.Step s = steps.removeFirst();
                t = s.at();
                now.set(T0.plus(t));
                s.apply(runtime);
                java.util.Set<String> woken = new java.util.HashSet<>();
                pending.stream().filter(m::triggers).forEach(e -> woken.add(e.container()));
                List<ContainerEvent> deaths = pending.stream().filter(m::triggers)
                        .filter(e -> e.action().equals("died") && !e.id().isEmpty()).toList();
                pending.clear();
                if (!woken.isEmpty()) {
                    now.set(T0.plus(t).plusMillis(200));
                    if (!deaths.isEmpty()) {
                        m.died(deaths); // as the loop does: the deaths from their events, then the listing
                    }
                    m.check(woken);
                }
            } else {
                t = nextTick;
                now.set(T0.plus(t));
                m.runOnce();
                nextTick = nextTick.plus(interval);
            }
        }
    }

    private List<String> eventLog() {
        List<Event> newestFirst = registry.recentEvents(Optional.empty(), 1000);
        List<String> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            Event e = newestFirst.get(i);
            out.add(Duration.between(T0, e.at()).toMillis() + "ms " + e.service() + "/" + e.component() + " "
                    + e.prev().wire() + "->" + e.next().wire());
        }
        return out;
    }

    private List<String> alertLog() {
        return alerts.stream().map(a -> Duration.between(T0, a.at()).toMillis() + "ms " + a.type().wire() + " "
                + a.service() + "/" + a.component() + " " + a.prev() + "->" + a.observed() + " n=" + a.transitions()).toList();
    }

    /** Called before each call of a {@link #watched} port, with the method's name and arguments. */
    private interface Interceptor {
        void before(String method, Object[] args) throws Exception;
    }

    /** {@code target} as a {@code type} whose every call first goes through {@code interceptor}: to count or hold calls. */
    private static <T> T watched(Class<T> type, T target, Interceptor interceptor) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(MonitorScenarioTest.class.getClassLoader(),
                new Class<?>[] {type}, (proxy, method, args) -> {
                    interceptor.before(method.getName(), args);
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    @Test
    void rehearsalScenario_replaysUnderASimulatedClock_toExactlyTheExpectedEventsAndAlerts() {
        long started = System.nanoTime();
        Scenario scenario = Scenario.parse("""
                image registry.example/app:v1
                # a hand-started container the registry does not know: its events wake no check, so the 60 s
                # iteration discovers it, already exited, as ignore (no transition); never alerted
                at 5s run scratch registry.example/app:v1
                at 10s crash shop-api          # crash: drift alert within the event path, not the 60 s poll
                at 40s start shop-api          # back: one recovered alert
                at 50s crash scratch
                at 70s crash old-web           # desired stopped (inactive service): never alerted
                from 2m to 4m restart shop-web every 40s
                from 5m to 7m unavailable
                at 6m crash shop-api           # crashes while the runtime cannot be asked: drift once it answers
                """);
        scenario.prepare(runtime);
        deploy("shop", true, "api", "web");
        deploy("old", false, "web");
        runtime.startExternally("old-web", IMAGE);
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(5), 3, Duration.ofMinutes(10), Duration.ofDays(30));

        replay(scenario, m, Duration.ofSeconds(60), Duration.ofMinutes(8));

        assertThat(eventLog()).containsExactly(
                "0ms shop/api unknown->running",
                "0ms shop/web unknown->running",
                "0ms old/web unknown->removed",
                "0ms old/web removed->running",
                "10200ms shop/api running->exited",
                "40200ms shop/api exited->running",
                "70200ms old/web running->exited",
                "120200ms shop/web running->exited",
                "140200ms shop/web exited->running",
                "160200ms shop/web running->exited",
                "180200ms shop/web exited->running",
                "200200ms shop/web running->exited",
                "220200ms shop/web exited->running",
                "300000ms old/web exited->unknown",
                "300000ms scratch/scratch exited->unknown",
                "300000ms shop/api running->unknown",
                "300000ms shop/web running->unknown",
                "420000ms old/web unknown->exited",
                "420000ms scratch/scratch unknown->exited",
                "420000ms shop/api unknown->exited",
                "420000ms shop/web unknown->running");
        assertThat(alertLog()).containsExactly(
                "10200ms drift shop/api running->exited n=1",
                "40200ms recovered shop/api exited->running n=2",
                "120200ms drift shop/web running->exited n=1",
                "140200ms recovered shop/web exited->running n=2",
                "160200ms flapping shop/web running->exited n=3",
                "300000ms runtime / ->unknown n=0",
                "420000ms drift shop/api running->exited n=2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void onlyEventsOfContainersWithADesiredState_wakeACheck() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        deploy("old", false, "web");
        runtime.startExternally("scratch", IMAGE);
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(30));
        m.runOnce();
        assertThat(registry.service("scratch")).isPresent(); // recorded as ignore by the iteration

        assertThat(m.triggers(new ContainerEvent("shop-api", "died", T0))).isTrue();
        assertThat(m.triggers(new ContainerEvent("old-web", "start", T0))).as("desired stopped").isTrue();
        assertThat(m.triggers(new ContainerEvent("shop-api", "exec_died", T0))).as("not a lifecycle action").isFalse();
        assertThat(m.triggers(new ContainerEvent("scratch", "died", T0))).as("desired ignore").isFalse();
        assertThat(m.triggers(new ContainerEvent("someone-elses", "start", T0))).as("unknown container").isFalse();
        assertThat(m.triggers(new ContainerEvent("shop", "died", T0))).as("the service's name is not a container").isFalse();
    }

    @Test
    void theLoop_checksOnlyTheContainersConcerned_andEventsNeverPostponeThePeriodicIteration() throws Exception {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api", "web");
        java.util.concurrent.atomic.AtomicInteger full = new java.util.concurrent.atomic.AtomicInteger();
        List<java.util.Set<?>> targeted = new java.util.concurrent.CopyOnWriteArrayList<>();
        net.metacircular.mcp.port.out.ContainerRuntime counting = watched(
                net.metacircular.mcp.port.out.ContainerRuntime.class, runtime, (method, args) -> {
                    if (method.equals("list")) {
                        if (args == null) {
                            full.incrementAndGet();
                        } else {
                            targeted.add((java.util.Set<?>) args[0]);
                        }
                    }
                });
        Monitor m = loopMonitor(counting, registry, Duration.ofMillis(200));
        m.start(Optional.empty());
        try {
            long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
            while (System.nanoTime() < end) {
                m.onEvent(new ContainerEvent("shop-api", "died", T0)); // more often than the interval
                Thread.sleep(20);
            }
        } finally {
            m.close();
        }

        // 1.2 s at a 200 ms interval: about six periodic iterations; before the fix events held it off entirely.
        assertThat(full.get()).isGreaterThanOrEqualTo(3);
        assertThat(targeted).isNotEmpty().allSatisfy(names -> assertThat(names).isEqualTo(java.util.Set.of("shop-api", "shop-web")));
    }

    @Test
    void theLoop_keepsDetectingCrashesWhileALongPruneRuns() throws Exception {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        java.util.concurrent.CountDownLatch pruning = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger prunes = new java.util.concurrent.atomic.AtomicInteger();
        // A registry whose prune takes as long as the test wants, like a million expired rows.
        net.metacircular.mcp.port.out.Registry slowPrune = watched(net.metacircular.mcp.port.out.Registry.class, registry,
                (method, args) -> {
                    if (method.equals("pruneEvents")) {
                        prunes.incrementAndGet();
                        pruning.countDown();
                        release.await();
                    }
                });
        Monitor m = loopMonitor(runtime, slowPrune, Duration.ofMillis(100));
        m.start(Optional.empty());
        try {
            assertThat(pruning.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            runtime.crash("shop-api", 137);
            m.onEvent(new ContainerEvent("shop-api", "died", T0));
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (alerts.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(10);
            }

            assertThat(alerts).as("the drift alert, while the prune is still running").singleElement()
                    .satisfies(a -> assertThat(a.type()).isEqualTo(AlertType.DRIFT));
            Thread.sleep(300);
            assertThat(prunes.get()).as("periodic iterations go on, and start no second prune beside the first").isEqualTo(1);
        } finally {
            release.countDown();
            m.close();
        }
    }

    @Test
    void aDeath_isRecordedAndAlertedFromItsEventAlone_andTheListingAfterItAgrees() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
        net.metacircular.mcp.port.out.ContainerRuntime counting = watched(
                net.metacircular.mcp.port.out.ContainerRuntime.class, runtime, (method, args) -> {
                    if (method.equals("list") || method.equals("inspect")) {
                        lists.incrementAndGet();
                    }
                });
        Monitor m = loopMonitor(counting, registry, Duration.ofSeconds(60));
        m.runOnce();
        runtime.watch(pending::add);
        lists.set(0);

        now.set(T0.plusSeconds(5));
        runtime.crash("shop-api", 137);
        Monitor.Iteration fast = m.died(pending);

        assertThat(lists.get()).as("the runtime was not asked").isZero();
        assertThat(fast.transitions()).singleElement().satisfies(e -> {
            assertThat(e.prev()).isEqualTo(ObservedState.RUNNING);
            assertThat(e.next()).isEqualTo(ObservedState.EXITED);
        });
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.type()).isEqualTo(AlertType.DRIFT));
        assertThat(m.check(java.util.Set.of("shop-api")).transitions()).as("the listing confirms it").isEmpty();
        assertThat(alerts).hasSize(1);
    }

    @Test
    void aDeath_isNotTrustedAlone_forAReplacedContainer_aServiceBeingWritten_aRestart_orAnEventWithoutID() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(30));
        m.runOnce();
        var api = registry.service("shop").orElseThrow().components().getFirst();
        String id = api.containerId();
        assertThat(id).isNotEmpty();
        Instant later = T0.plusSeconds(5);
        now.set(later);

        // the last write to the service (the deploy) ended at T0, before every death below
        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", later, "f".repeat(64)))).transitions())
                .as("the death of the container a deploy has since replaced").isEmpty();
        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", api.started().plusMillis(500), id))).transitions())
                .as("within a second of its recorded start: a restart's own death").isEmpty();
        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", later))).transitions())
                .as("no container ID in the event").isEmpty();
        assertThat(locks.with("shop", () -> m.died(List.of(new ContainerEvent("shop-api", "died", later, id)))).transitions())
                .as("a write holds the service").isEmpty();
        now.set(T0.plusSeconds(8));
        locks.with("shop", () -> "a restart, say, that ended at 8 s");
        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", T0.plusSeconds(7), id))).transitions())
                .as("a death before the last write to its service ended").isEmpty();
        assertThat(alerts).isEmpty();
        assertThat(registry.service("shop").orElseThrow().components().getFirst().observed()).isEqualTo(ObservedState.RUNNING);

        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", T0.plusSeconds(9), id))).transitions())
                .as("a death with none of those").hasSize(1);
        assertThat(registry.service("shop").orElseThrow().components().getFirst().observed()).isEqualTo(ObservedState.EXITED);
    }

    @Test
    void mcpRestart_itsOwnDiedEventRecordsNoExit_andRaisesNoAlert() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(30));
        m.runOnce();
        runtime.watch(pending::add);
        now.set(T0.plusSeconds(30));
        var lifecycle = new net.metacircular.mcp.application.ServiceLifecycle(runtime, registry,
                new Reconciler(runtime, registry, clock, locks), locks, Duration.ZERO);

        lifecycle.apply(net.metacircular.mcp.domain.LifecycleAction.RESTART, "shop");
        now.set(T0.plusSeconds(31)); // the event reaches the loop after the restart released the service

        assertThat(pending).as("the fake reports a restart as podman does")
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("died"));
        assertThat(m.died(pending).transitions()).isEmpty();
        assertThat(alerts).isEmpty();
        assertThat(registry.service("shop").orElseThrow().components().getFirst().observed()).isEqualTo(ObservedState.RUNNING);
    }

    @Test
    void aDeath_neverOverwritesAWriteThatRanWhileItWasJudged() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        now.set(T0.plusSeconds(5));
        String id = registry.service("shop").orElseThrow().components().getFirst().containerId();
        // An operator's stop that lands right after the monitor read the registry, before it writes.
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        Registry racing = (Registry) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Registry.class}, (proxy, method, args) -> {
                    Object result = method.invoke(registry, args);
                    if (method.getName().equals("services") && once.compareAndSet(false, true)) {
                        stopShop();
                    }
                    return result;
                });
        Monitor m = new Monitor(new Reconciler(runtime, racing, clock, locks), racing, alerts::add, clock,
                new Monitor.Settings("rift", Duration.ofSeconds(60), Duration.ofDays(1),
                        new AlertPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(10))));

        // the death comes after the stop released the service, so only the write's generation can tell
        assertThat(m.died(List.of(new ContainerEvent("shop-api", "died", T0.plusMillis(5500), id))).transitions()).isEmpty();
        assertThat(registry.service("shop").orElseThrow().components().getFirst().desired())
                .as("the stop's desired state stands").isEqualTo(net.metacircular.mcp.domain.DesiredState.STOPPED);
    }

    @Test
    void aListing_neverOverwritesAStopThatLandsJustBeforeItsWrite() throws Exception {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        runtime.crash("shop-api", 137); // so the reconciliation has a record of shop-api to write
        AtomicReference<Thread> stop = new AtomicReference<>();
        // Just before the reconciler writes, an operator's stop runs on another thread (as an RPC would); it gets up to
        // 300 ms, which it has unless the reconciler holds the service while it writes.
        Registry racing = watched(Registry.class, registry, (method, args) -> {
            if (method.equals("apply") && stop.get() == null) {
                stop.set(Thread.ofPlatform().start(this::stopShop));
                stop.get().join(300);
            }
        });

        new Reconciler(runtime, racing, clock, locks).reconcile();
        assertThat(stop.get()).isNotNull();
        stop.get().join(5000);

        var api = registry.service("shop").orElseThrow().components().getFirst();
        assertThat(api.desired()).as("the stop's desired state stands").isEqualTo(net.metacircular.mcp.domain.DesiredState.STOPPED);
        assertThat(api.observed()).as("and the listing's finding too").isEqualTo(ObservedState.EXITED);
    }

    @Test
    void theLoop_alertsOnADeathWhileTheListingAfterItIsStillRunning() throws Exception {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        java.util.concurrent.CountDownLatch firstListed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
        // The first listing (the loop's first iteration) answers; every later one waits, like a slow podman.
        net.metacircular.mcp.port.out.ContainerRuntime slow = (net.metacircular.mcp.port.out.ContainerRuntime)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {net.metacircular.mcp.port.out.ContainerRuntime.class}, (proxy, method, args) -> {
                            boolean listing = method.getName().equals("list");
                            if (listing && lists.getAndIncrement() > 0) {
                                release.await();
                            }
                            try {
                                return method.invoke(runtime, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            } finally {
                                if (listing) {
                                    firstListed.countDown();
                                }
                            }
                        });
        Monitor m = loopMonitor(slow, registry, Duration.ofSeconds(60));
        m.start(Optional.of(runtime));
        try {
            assertThat(firstListed.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            now.set(T0.plusSeconds(5));
            runtime.crash("shop-api", 137);
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while ((alerts.isEmpty() || lists.get() < 2) && System.nanoTime() < until) {
                Thread.sleep(10);
            }

            assertThat(alerts).as("the drift alert, sent from the event").singleElement()
                    .satisfies(a -> assertThat(a.type()).isEqualTo(AlertType.DRIFT));
            assertThat(lists.get()).as("the listing after it has begun and is still waiting").isEqualTo(2);
            assertThat(registry.service("shop").orElseThrow().components().getFirst().observed())
                    .isEqualTo(ObservedState.EXITED);
        } finally {
            release.countDown();
            m.close();
        }
    }

    @Test
    void whenTheRegistryCannotBeRead_everyLifecycleEventWakesACheck() {
        net.metacircular.mcp.port.out.Registry broken = (net.metacircular.mcp.port.out.Registry) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {net.metacircular.mcp.port.out.Registry.class},
                        (proxy, method, args) -> {
                            throw new IllegalStateException("database is locked");
                        });
        Monitor m = loopMonitor(runtime, broken, Duration.ofSeconds(60));

        assertThat(m.triggers(new ContainerEvent("anything", "died", T0))).isTrue();
        assertThat(m.triggers(new ContainerEvent("anything", "exec_died", T0))).isFalse();
    }

    @Test
    void runtimeOutageOverSeveralIterations_recordsUnknownNeverRemoved_andSendsOneRuntimeAlert() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        Monitor m = monitor(Duration.ofSeconds(10), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(30));
        m.runOnce();
        runtime.setUnavailable(true);

        for (int i = 1; i <= 5; i++) {
            now.set(T0.plusSeconds(10L * i));
            assertThat(m.runOnce().runtimeAvailable()).isFalse();
        }
        runtime.setUnavailable(false);
        now.set(T0.plusSeconds(60));
        Monitor.Iteration back = m.runOnce();

        assertThat(back.runtimeAvailable()).isTrue();
        assertThat(registry.service("shop").orElseThrow().component("api").orElseThrow().observed()).isEqualTo(ObservedState.RUNNING);
        assertThat(registry.recentEvents(Optional.empty(), 100)).noneMatch(e -> e.next() == ObservedState.REMOVED);
        assertThat(alerts).extracting(a -> a.type().wire()).containsExactly("runtime");
    }

    @Test
    void eventsOlderThanTheRetention_arePrunedAtTheStartOfAnIteration() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(1));
        runtime.crash("shop-api", 1);
        m.check();
        now.set(T0.plus(Duration.ofHours(20)));
        runtime.start("shop-api");
        m.check();
        assertThat(registry.recentEvents(Optional.empty(), 10)).hasSize(3);

        now.set(T0.plus(Duration.ofHours(25)));
        Monitor.Iteration i = m.runOnce();

        assertThat(i.pruned()).isEqualTo(2);
        assertThat(registry.recentEvents(Optional.empty(), 10)).singleElement()
                .satisfies(e -> assertThat(e.next()).isEqualTo(ObservedState.RUNNING));
    }

    @Test
    void aDeployReplacingAContainer_isNeverSeenAsRemovedByAConcurrentCheck() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        Monitor m = monitor(Duration.ofSeconds(60), Duration.ofMinutes(15), 3, Duration.ofMinutes(10), Duration.ofDays(30));
        m.runOnce();
        // Every event the forced redeploy causes runs a check in the middle of the deploy, as the event path would.
        runtime.watch(e -> m.check());
        int eventsBefore = registry.recentEvents(Optional.empty(), 100).size();

        new Deployer(runtime, registry, clock, locks, Duration.ZERO)
                .deploy(new ServiceSpec("shop", true, List.of(ComponentSpec.of("api", IMAGE))), Optional.empty(), true);
        m.check();

        assertThat(registry.recentEvents(Optional.empty(), 100)).hasSize(eventsBefore);
        assertThat(alerts).isEmpty();
    }

    @Test
    void crashFirstSeenWhileTheClockMoves_alertNamesThePreviousStateAndCountsTheTransition() {
        runtime.addImage(IMAGE, FakeRuntime.imageIdOf(IMAGE));
        deploy("shop", true, "api");
        // Every reading of this clock is a millisecond later, as on a real node; the monitor never saw "running".
        InstantSource ticking = () -> now.updateAndGet(t -> t.plusMillis(1));
        Monitor m = new Monitor(new Reconciler(runtime, registry, ticking, locks), registry, alerts::add, ticking,
                new Monitor.Settings("rift", Duration.ofSeconds(60), Duration.ofDays(30),
                        new AlertPolicy(Duration.ofMinutes(15), 3, Duration.ofMinutes(10))));
        runtime.crash("shop-api", 137);

        m.check();

        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.prev()).isEqualTo("running");
            assertThat(a.transitions()).isEqualTo(1);
        });
    }
}
