package net.metacircular.mcp.adapter.podman;

import java.time.Duration;
import java.util.List;

/** A command that could not be started, did not finish in time, or failed; carries its argv, exit code and stderr. */
public class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The exit code reported when the process never exited on its own. */
    public static final int NO_EXIT_CODE = -1;

    private final List<String> argv;
    private final int exitCode;
    private final String stderr;
    private final boolean timedOut;
    private final boolean binaryMissing;

    private CommandException(String message, List<String> argv, int exitCode, String stderr, boolean timedOut,
                             boolean binaryMissing, Throwable cause) {
        super(message, cause);
        this.argv = List.copyOf(argv);
        this.exitCode = exitCode;
        this.stderr = stderr;
        this.timedOut = timedOut;
        this.binaryMissing = binaryMissing;
    }

    /** The program could not be started (not installed, not executable). */
    public static CommandException binaryMissing(List<String> argv, Throwable cause) {
        return new CommandException("cannot start " + program(argv) + ": " + cause.getMessage(), argv, NO_EXIT_CODE,
                "", false, true, cause);
    }

    /** The program passed its deadline and was killed; {@code stderr} is what it had written so far. */
    public static CommandException timedOut(List<String> argv, Duration timeout, String stderr) {
        return new CommandException(program(argv) + " did not finish within " + timeout.toMillis() + " ms and was killed",
                argv, NO_EXIT_CODE, stderr, true, false, null);
    }

    /** The program ran and exited with a failure status. */
    public static CommandException failed(List<String> argv, ExecResult result) {
        return new CommandException(program(argv) + " exited with status " + result.exitCode() + ": "
                + firstLine(result.stderr()), argv, result.exitCode(), result.stderr(), false, false, null);
    }

    /** The argv that was run. */
    public List<String> argv() {
        return argv;
    }

    /** The exit status, or {@link #NO_EXIT_CODE} when the process never exited on its own. */
    public int exitCode() {
        return exitCode;
    }

    /** What the process wrote to standard error. */
    public String stderr() {
        return stderr;
    }

    /** True when the process passed its deadline and was killed. */
    public boolean timedOut() {
        return timedOut;
    }

    /** True when the program could not be started at all. */
    public boolean binaryMissing() {
        return binaryMissing;
    }

    private static String program(List<String> argv) {
        // Only the program and its subcommand: later arguments may hold values (env) that must not reach logs.
        return argv.isEmpty() ? "(empty argv)" : String.join(" ", argv.subList(0, Math.min(2, argv.size())));
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
