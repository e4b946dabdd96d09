package net.metacircular.mcp.adapter.podman;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import net.metacircular.mcp.port.out.ContainerEvent;
import net.metacircular.mcp.port.out.ContainerEvents;

/**
 * Follows {@code podman events --format json --filter type=container} as one long-running process on a virtual
 * thread, one JSON object per line; when the process ends or cannot start, it is started again after a backoff that
 * doubles from {@link #MIN_BACKOFF} to {@link #MAX_BACKOFF} (and starts over once a stream has delivered events).
 */
public final class PodmanEvents implements ContainerEvents {
    private static final System.Logger LOG = System.getLogger(PodmanEvents.class.getName());
    /** The first wait before following again. */
    static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    /** The longest wait before following again. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** How much of the stream's stderr is kept for the log. */
    private static final int MAX_STDERR = 2000;

    private final PodmanSettings settings;
    private final InstantSource clock;

    /** Follows the events of the podman described by {@code settings}. */
    public PodmanEvents(PodmanSettings settings, InstantSource clock) {
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** The argv of the stream. */
    List<String> argv() {
        return List.of(settings.binary(), "events", "--format", "json", "--filter", "type=container");
    }

    @Override
    public Subscription watch(Consumer<ContainerEvent> listener) {
        Objects.requireNonNull(listener, "'listener' must not be null");
        Follower f = new Follower(listener);
        f.thread = Thread.ofVirtual().name("podman-events").start(f);
        return f;
    }

    /** One subscription: the loop that (re)starts the process and reads it. */
    private final class Follower implements Runnable, Subscription {
        private final Consumer<ContainerEvent> listener;
        private volatile boolean closed;
        private volatile Process process;
        private Thread thread;

        Follower(Consumer<ContainerEvent> listener) {
            this.listener = listener;
        }

        @Override
        public void run() {
            Duration backoff = MIN_BACKOFF;
            boolean failing = false;
            while (!closed) {
                long delivered = follow();
                if (closed) {
                    return;
                }
                if (delivered > 0) {
                    backoff = MIN_BACKOFF;
                }
                if (!failing) {
                    LOG.log(System.Logger.Level.WARNING, "podman events stopped; following again with backoff "
                            + "(the periodic check covers the gap)");
                    failing = true;
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "podman events stopped again; next attempt in {0}", backoff);
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                if (delivered > 0) {
                    failing = false;
                }
            }
        }

        /** Runs one podman events process to its end; returns how many events it delivered. */
        private long follow() {
            ProcessBuilder pb = new ProcessBuilder(argv()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(settings.environment());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "podman events could not start: {0}", e.getMessage());
                return 0;
            }
            process = p;
            if (closed) {
                p.destroyForcibly();
                return 0;
            }
            StringBuilder stderr = new StringBuilder();
            Thread errors = Thread.ofVirtual().name("podman-events-stderr").start(() -> drain(p, stderr));
            long delivered = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    var event = PodmanJson.event(line, clock.instant());
                    if (event.isPresent()) {
                        delivered++;
                        try {
                            listener.accept(event.get());
                        } catch (RuntimeException e) {
                            LOG.log(System.Logger.Level.WARNING, "event listener failed: {0}", e.toString());
                        }
                    }
                }
            } catch (IOException e) {
                // The stream closes under the reader when the process is killed; that is how close() ends it.
                LOG.log(System.Logger.Level.DEBUG, "reading podman events stopped: {0}", e.getMessage());
            } finally {
                p.destroyForcibly();
                try {
                    errors.join(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!closed) {
                synchronized (stderr) {
                    LOG.log(System.Logger.Level.DEBUG, "podman events ended (exit {0}): {1}",
                            p.isAlive() ? "?" : p.exitValue(), PodmanRuntime.printable(stderr.toString().strip()));
                }
            }
            return delivered;
        }

        private void drain(Process p, StringBuilder into) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (into) {
                        if (into.length() < MAX_STDERR) {
                            into.append(line, 0, Math.min(line.length(), MAX_STDERR - into.length())).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is kept
            }
        }

        @Override
        public void close() {
            closed = true;
            Process p = process;
            if (p != null) {
                List<ProcessHandle> descendants = new ArrayList<>(p.descendants().toList());
                p.destroyForcibly();
                descendants.forEach(ProcessHandle::destroyForcibly);
            }
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
