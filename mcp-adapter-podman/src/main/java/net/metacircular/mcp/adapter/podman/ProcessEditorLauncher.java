package net.metacircular.mcp.adapter.podman;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.port.out.EditorLauncher;

/**
 * The operator's editor as a child process attached to the terminal: {@code $EDITOR}, else {@code $VISUAL}, else
 * {@code vi}. The variable is split on white space into an argv (so {@code "code --wait"} works) and never handed to
 * a shell; the file is the last argument. It lives with the other process launching in this package because this is
 * the one package allowed to start processes.
 */
public final class ProcessEditorLauncher implements EditorLauncher {
    private final List<String> command;
    private final Duration timeout;

    /**
     * @param env     the CLI's environment, read for {@code EDITOR} and {@code VISUAL}
     * @param timeout how long an editing session may last before the editor is killed
     */
    public ProcessEditorLauncher(Map<String, String> env, Duration timeout) {
        Objects.requireNonNull(env, "'env' must not be null");
        this.timeout = Objects.requireNonNull(timeout, "'timeout' must not be null");
        this.command = command(env);
    }

    /** The editor's argv without the file: {@code $EDITOR}, else {@code $VISUAL}, else {@code vi}. */
    static List<String> command(Map<String, String> env) {
        for (String key : List.of("EDITOR", "VISUAL")) {
            String v = env.get(key);
            if (v != null && !v.isBlank()) {
                return List.of(v.trim().split("\\s+"));
            }
        }
        return List.of("vi");
    }

    @Override
    public int edit(Path file) {
        List<String> argv = new ArrayList<>(command);
        argv.add(file.toString());
        Process p;
        try {
            p = new ProcessBuilder(argv).inheritIO().start();
        } catch (IOException e) {
            throw new PreconditionException("cannot start the editor " + describe() + ": " + e.getMessage()
                    + "; set $EDITOR to one that exists. Your text is in " + file);
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new PreconditionException("the editor " + describe() + " ran longer than " + timeout
                        + " and was stopped; your text is in " + file);
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PreconditionException("interrupted while the editor ran; your text is in " + file);
        }
    }

    @Override
    public String describe() {
        return String.join(" ", command);
    }
}
