package net.metacircular.mcp.adapter.fake;

import java.time.Duration;
import java.util.Objects;

/**
 * Plays a {@link Scenario} on a fake runtime in real time, counted from {@link #start}, on a virtual thread, so an
 * operator can watch an agent with {@code container_runtime = "fake"} notice, record and alert exactly what a real
 * node would. A step that cannot be played (say, a crash of a container that does not exist) is logged and skipped.
 */
public final class ScenarioPlayer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScenarioPlayer.class.getName());

    private final Thread thread;

    private ScenarioPlayer(Thread thread) {
        this.thread = thread;
    }

    /** Prepares {@code runtime} and starts playing {@code scenario} on it now. */
    public static ScenarioPlayer start(Scenario scenario, FakeRuntime runtime) {
        Objects.requireNonNull(scenario, "'scenario' must not be null");
        Objects.requireNonNull(runtime, "'runtime' must not be null");
        scenario.prepare(runtime);
        long origin = System.nanoTime();
        Thread t = Thread.ofVirtual().name("fake-scenario").start(() -> {
            for (Scenario.Step step : scenario.steps()) {
                long wait = step.at().toNanos() - (System.nanoTime() - origin);
                try {
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    step.apply(runtime);
                    LOG.log(System.Logger.Level.INFO, "scenario: {0}", step);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "scenario: {0} skipped: {1}", step, e.getMessage());
                }
            }
            LOG.log(System.Logger.Level.INFO, "scenario: played to the end");
        });
        return new ScenarioPlayer(t);
    }

    /** Stops playing. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
