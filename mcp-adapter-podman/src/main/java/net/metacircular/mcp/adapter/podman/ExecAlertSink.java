package net.metacircular.mcp.adapter.podman;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.domain.Alert;
import net.metacircular.mcp.port.out.AlertSink;

/**
 * Delivers alerts by executing the operator's {@code alert_command} as an argv (never a shell) with the alert in
 * the design's {@code MCP_*} environment variables; nothing from container metadata goes into the argv. Alerts are
 * queued (bounded, the newest dropped when full) and run one at a time on the sink's own thread, each killed past
 * its timeout, so a slow, failing or missing program never delays monitoring. An empty command only logs.
 */
public final class ExecAlertSink implements AlertSink, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecAlertSink.class.getName());
    /** Alerts waiting to be delivered at most; more are dropped with a warning. */
    static final int QUEUE = 64;
    /** Variables of the agent's own environment the program keeps, so it can find programs and its home. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");
    private static final int MAX_STDERR = 4000;

    private final List<String> argv;
    private final Duration timeout;
    private final Map<String, String> base;
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param argv    the program and its arguments; empty: log only
     * @param timeout how long one run may take before it is killed
     * @param agentEnvironment the agent's environment, of which only {@link #INHERITED} is passed on
     */
    public ExecAlertSink(List<String> argv, Duration timeout, Map<String, String> agentEnvironment) {
        this.argv = List.copyOf(argv);
        this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        Map<String, String> keep = new java.util.HashMap<>();
        for (String k : INHERITED) {
            String v = agentEnvironment.get(k);
            if (v != null) {
                keep.put(k, v);
            }
        }
        this.base = Map.copyOf(keep);
        this.worker = Thread.ofVirtual().name("alert-command").start(this::work);
    }

    /** A sink for {@code argv} that passes on the inherited variables of this process's environment. */
    public static ExecAlertSink create(List<String> argv, Duration timeout) {
        return new ExecAlertSink(argv, timeout, System.getenv());
    }

    @Override
    public void send(Alert alert) {
        Objects.requireNonNull(alert, "'alert' must not be null");
        if (argv.isEmpty() || closed) {
            return;
        }
        if (!queue.offer(alert)) {
            LOG.log(System.Logger.Level.WARNING, "alert command is behind ({0} alerts waiting); dropped {1}", QUEUE,
                    alert.summary());
        }
    }

    private void work() {
        while (!closed) {
            Alert a;
            try {
                a = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                run(a);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "alert command failed for {0}: {1}", a.type().wire(), e.toString());
            }
        }
    }

    /** The environment of one run: the inherited variables and exactly the alert's {@code MCP_*} variables. */
    Map<String, String> environment(Alert a) {
        Map<String, String> env = new java.util.HashMap<>(base);
        env.putAll(a.environment());
        return env;
    }

    private void run(Alert a) {
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(environment(a));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "alert command {0} could not start: {1}", argv.getFirst(), e.getMessage());
            return;
        }
        StringBuilder stderr = new StringBuilder();
        Thread drain = Thread.ofVirtual().name("alert-command-stderr").start(() -> drain(p.getErrorStream(), stderr));
        boolean exited;
        try {
            exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(p);
            return;
        }
        if (!exited) {
            kill(p);
            LOG.log(System.Logger.Level.WARNING, "alert command {0} for {1} was killed after {2}", argv.getFirst(),
                    a.type().wire(), timeout);
            return;
        }
        try {
            drain.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String said;
        synchronized (stderr) {
            said = PodmanRuntime.printable(stderr.toString().strip());
        }
        if (p.exitValue() == 0) {
            LOG.log(System.Logger.Level.DEBUG, "alert command for {0} exited 0{1}", a.type().wire(),
                    said.isEmpty() ? "" : ": " + said);
        } else {
            LOG.log(System.Logger.Level.WARNING, "alert command {0} for {1} exited {2}{3}", argv.getFirst(),
                    a.type().wire(), p.exitValue(), said.isEmpty() ? "" : ": " + said);
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> descendants = p.descendants().toList();
        p.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void drain(InputStream in, StringBuilder into) {
        byte[] chunk = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (into) {
                    if (into.length() < MAX_STDERR) {
                        into.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            // the process went away; what was read is kept
        }
    }

    /** Stops delivering; an alert being delivered runs to its end or its timeout. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
    }
}
