package net.metacircular.mcp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a process to completion for a test, capturing both streams concurrently and killing it past a deadline. */
public final class Proc {
    /** A finished process. */
    public record Result(List<String> argv, int exit, String out, String err) {
        public Result assertOk() {
            if (exit != 0) {
                throw new AssertionError("command failed (exit " + exit + "): " + String.join(" ", argv) + "\nstdout:\n" + out + "\nstderr:\n" + err);
            }
            return this;
        }
    }

    private Proc() {
    }

    /**
     * Whether a process is still running. A killed grandchild of the agent is re-parented to PID 1 and stays a
     * zombie until PID 1 reaps it, which some inits do only every second or two; {@link ProcessHandle#isAlive()}
     * counts such a zombie as alive, this does not.
     */
    public static boolean running(long pid) {
        String stat;
        try {
            stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return false;
        }
        // The state is the first field after the command name, which is in parentheses and may contain spaces.
        int end = stat.lastIndexOf(')');
        char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'X';
        return state != 'Z' && state != 'X';
    }

    public static Result run(Map<String, String> env, Duration timeout, String... argv) {
        return run(env, timeout, null, List.of(argv));
    }

    public static Result run(Map<String, String> env, Duration timeout, Path dir, List<String> argv) {
        return run(env, timeout, dir, argv, null);
    }

    /** Runs with {@code stdin} as standard input (null: /dev/null). */
    public static Result run(Map<String, String> env, Duration timeout, Path dir, List<String> argv, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            Process p = pb.start();
            if (stdin != null) {
                try (java.io.OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", argv));
            }
            return new Result(List.copyOf(argv), p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot start " + argv, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    public static List<String> argv(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
