package net.metacircular.mcp.adapter.podman;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands as operating-system processes: argv only, standard input closed, both output streams drained
 * concurrently, and a deadline after which the process and its descendants are killed.
 */
public final class ProcessCommandRunner implements CommandRunner {
    private static final System.Logger LOG = System.getLogger(ProcessCommandRunner.class.getName());
    /** Output kept per stream; more is read and dropped so the process never blocks on a full pipe. */
    static final int MAX_CAPTURE_BYTES = 32 * 1024 * 1024;
    /** How long to wait for the output readers once the process has exited (a descendant may hold a pipe). */
    private static final Duration DRAIN_AFTER_EXIT = Duration.ofSeconds(2);
    /** How long a killed process may take to disappear. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** A runner with no further configuration. */
    public ProcessCommandRunner() {
        // Stateless; every call is independent.
    }

    @Override
    public ExecResult run(List<String> argv, Map<String, String> extraEnv, Duration timeout) {
        Objects.requireNonNull(argv, "'argv' must not be null");
        Objects.requireNonNull(extraEnv, "'extraEnv' must not be null");
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        List<String> command = List.copyOf(argv);
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        builder.environment().putAll(extraEnv);
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw CommandException.binaryMissing(command, e);
        }
        Drain out = Drain.start(process.getInputStream(), "stdout");
        Drain err = Drain.start(process.getErrorStream(), "stderr");
        boolean exited;
        try {
            exited = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw CommandException.timedOut(command, timeout, err.text());
        }
        if (!exited) {
            kill(process);
            long drainEnd = System.nanoTime() + DRAIN_AFTER_EXIT.toNanos();
            out.awaitQuietly(drainEnd);
            err.awaitQuietly(drainEnd);
            throw CommandException.timedOut(command, timeout, err.text());
        }
        long drainEnd = System.nanoTime() + DRAIN_AFTER_EXIT.toNanos();
        boolean complete = out.awaitQuietly(drainEnd) & err.awaitQuietly(drainEnd);
        if (!complete) {
            // A daemonised descendant kept a pipe open; what the command itself wrote has been read by now.
            LOG.log(System.Logger.Level.DEBUG, "{0}: output still open after exit; returning what was read", command.get(0));
        }
        return new ExecResult(process.exitValue(), out.text(), err.text());
    }

    /** Kills the process and everything it started; descendants are collected first, before they are orphaned. */
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static File devNull() {
        return new File("/dev/null");
    }

    /** Reads one stream to its end on its own virtual thread. */
    private static final class Drain implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, String name) {
            this.in = in;
            this.thread = Thread.ofVirtual().name("exec-" + name).unstarted(this);
        }

        static Drain start(InputStream in, String name) {
            Drain d = new Drain(in, name);
            d.thread.start();
            return d;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        int room = MAX_CAPTURE_BYTES - buffer.size();
                        if (room > 0) {
                            buffer.write(chunk, 0, Math.min(room, n));
                        }
                    }
                }
            } catch (IOException e) {
                // The stream closes under the reader when a killed process goes away; keep what was read.
                LOG.log(System.Logger.Level.DEBUG, "reading process output stopped: {0}", e.getMessage());
            }
        }

        /** Waits until {@code endNanos} (a {@link System#nanoTime()} value) for the end of the stream; true when reached. */
        boolean awaitQuietly(long endNanos) {
            try {
                return thread.join(Duration.ofNanos(Math.max(0, endNanos - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
