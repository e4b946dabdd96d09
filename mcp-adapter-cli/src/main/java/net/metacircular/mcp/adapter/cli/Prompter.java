package net.metacircular.mcp.adapter.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The terminal seam for questions to the operator: a visible line (a user name, a TOTP code), a secret read
 * without echo (a password), and standard input for {@code --password-stdin}. Tests script it; the app uses
 * {@link #terminal}.
 */
public interface Prompter {
    /** True when there is a terminal to ask; otherwise the prompts throw {@link IllegalStateException}. */
    boolean interactive();

    /** Shows {@code prompt} and reads one line, echoed. */
    String readLine(String prompt);

    /** Shows {@code prompt} and reads one line without echoing it. */
    char[] readSecret(String prompt);

    /** The process's standard input, read for {@code --password-stdin}. */
    InputStream stdin();

    /** The real terminal through jline when the process has one, else a prompter that cannot ask. */
    static Prompter terminal(Map<String, String> env) {
        Objects.requireNonNull(env, "'env' must not be null");
        return JLinePrompter.system();
    }
}
